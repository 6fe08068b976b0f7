package io.github.flinkkafkabridge.benchmarks;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Bounded reads of one topic into a discarding sink: the bridge's source, the official source, and
 * raw consumer threads, each turning values into bytes, strings or POJOs.
 */
final class SourceBench {

    static final int PARTITIONS = 4;

    /**
     * One timed read; CPU time and allocation are the source threads' between 20% and 80% of the
     * records, process CPU the whole JVM's in the same window.
     */
    record Sample(
            double wholeRate,
            double steadyRate,
            double cpuNanosPerRecord,
            double allocatedBytesPerRecord,
            double processCpuNanosPerRecord,
            double peakHeapMib) {}

    private final LocalFlink flink;
    private final String bootstrapServers;
    private final String topic;
    private final long records;
    private final int parallelism;
    private final Properties bridgeProperties;
    private int runs;

    SourceBench(
            LocalFlink flink,
            String bootstrapServers,
            String topic,
            long records,
            int parallelism,
            Properties bridgeProperties) {
        this.bridgeProperties = bridgeProperties;
        this.flink = flink;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.records = records;
        this.parallelism = parallelism;
    }

    /** Reads the whole topic once with {@code contender}; metrics apply to the bridge only. */
    Sample run(Contender contender, Format format, boolean bridgeMetrics) throws Exception {
        Progress.reset(records);
        HeapPeak.reset();
        long nanos =
                switch (contender) {
                    case BRIDGE ->
                            flinkRead(bridgeSource(format, bridgeMetrics), format, contender);
                    case OFFICIAL -> flinkRead(officialSource(format), format, contender);
                    case RAW -> rawRead(format);
                };
        double heap = HeapPeak.peakMib();
        if (Progress.count() != records) {
            throw new IllegalStateException(
                    contender.label()
                            + " read "
                            + Progress.count()
                            + " of "
                            + records
                            + " records");
        }
        return new Sample(
                records / (nanos / 1e9),
                Progress.steadyRate(records),
                Progress.sourceCpuNanosPerRecord(),
                Progress.sourceAllocatedBytesPerRecord(),
                Progress.processCpuNanosPerRecord(),
                heap);
    }

    private long flinkRead(Source<?, ?, ?> source, Format format, Contender contender)
            throws Exception {
        StreamExecutionEnvironment env = LocalFlink.environment(parallelism);
        sinkAll(env, source);
        return flink.runToEnd(env, "source-" + contender.label() + "-" + format.label);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sinkAll(StreamExecutionEnvironment env, Source source) {
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                .sinkTo(new CountingDiscardSink<>())
                .name("discard");
    }

    private Source<?, ?, ?> bridgeSource(Format format, boolean metrics) {
        return switch (format) {
            case BYTES -> bridge(KafkaRecordDeserializer.byteValues(), metrics);
            case STRING -> bridge(KafkaRecordDeserializer.utf8Values(), metrics);
            case JSON -> bridge(KafkaRecordDeserializer.valueOnly(new Schemas.Json()), metrics);
        };
    }

    private <T> KafkaBridgeSource<T> bridge(
            KafkaRecordDeserializer<T> deserializer, boolean metrics) {
        return KafkaBridgeSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("bench-bridge-" + (++runs))
                .setStartingOffsets(StartingOffsets.earliest())
                .setBounded(StoppingOffsets.latest())
                .setDeserializer(deserializer)
                .setMetricsEnabled(metrics)
                .setProperties(bridgeProperties)
                .build();
    }

    private Source<?, ?, ?> officialSource(Format format) {
        return switch (format) {
            case BYTES ->
                    official(
                            KafkaRecordDeserializationSchema.valueOnly(
                                    ByteArrayDeserializer.class));
            case STRING ->
                    official(KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class));
            case JSON -> official(KafkaRecordDeserializationSchema.valueOnly(new Schemas.Json()));
        };
    }

    private <T> KafkaSource<T> official(KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("bench-official-" + (++runs))
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(deserializer)
                .build();
    }

    /**
     * {@code parallelism} consumer threads, each assigned every n-th partition, read to the end.
     */
    private long rawRead(Format format) throws Exception {
        Function<byte[], Object> decode =
                switch (format) {
                    case BYTES -> value -> value;
                    case STRING -> Schemas::utf8;
                    case JSON -> {
                        var reader = Schemas.Json.reader();
                        yield value -> {
                            try {
                                return reader.readValue(value, BenchEvent.class);
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                        };
                    }
                };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong nulls = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < parallelism; t++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = t; p < PARTITIONS; p += parallelism) {
                mine.add(new TopicPartition(topic, p));
            }
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    consume(mine, decode, nulls);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "raw-consumer-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("Raw consumer failed", failure.get());
        }
        if (nulls.get() > 0) {
            throw new IllegalStateException(nulls.get() + " null values");
        }
        return elapsed;
    }

    private void consume(
            List<TopicPartition> partitions, Function<byte[], Object> decode, AtomicLong nulls) {
        if (partitions.isEmpty()) {
            return;
        }
        Properties props = KafkaData.rawConsumerProperties(bootstrapServers);
        int chunk = Progress.chunk();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long pending = 0;
            long localNulls = 0;
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    if (decode.apply(record.value()) == null) {
                        localNulls++;
                    }
                    if (++pending == chunk) {
                        Progress.add(pending);
                        pending = 0;
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            Progress.add(pending);
            nulls.addAndGet(localNulls);
        }
    }
}
