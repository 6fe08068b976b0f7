package io.github.flinkkafkabridge.benchmarks;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka to Flink to Kafka latency at a fixed input rate. A paced producer writes 100-byte records
 * whose value starts with the send time (also the record timestamp); the pipeline copies them to an
 * output topic with {@code message.timestamp.type=LogAppendTime}, so an output record's timestamp
 * is when the broker appended it, i.e. acknowledged it. Latency = output timestamp minus send time,
 * in milliseconds, for records sent after a warm-up. Sinks are at-least-once, without checkpoints.
 */
final class LatencyBench {

    static final int PARTITIONS = 4;

    /** One latency run. */
    record Sample(
            double mean,
            double p50,
            double p99,
            double p999,
            double max,
            double achievedRate,
            long measured,
            double delivered) {}

    private final LocalFlink flink;
    private final KafkaCluster kafka;
    private final int parallelism;
    private final double warmupSeconds;
    private final double measureSeconds;
    private int runs;

    private final Properties bridgeSourceProperties;
    private final Properties bridgeSinkProperties;

    LatencyBench(
            LocalFlink flink,
            KafkaCluster kafka,
            int parallelism,
            double warmupSeconds,
            double measureSeconds,
            BenchOptions options) {
        this.bridgeSourceProperties = options.bridgeSourceProperties;
        this.bridgeSinkProperties = options.bridgeSinkProperties;
        this.flink = flink;
        this.kafka = kafka;
        this.parallelism = parallelism;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    Sample run(Contender contender, long rate) throws Exception {
        int run = ++runs;
        String in = "lat-in-" + contender.label() + "-" + run;
        String out = "lat-out-" + contender.label() + "-" + run;
        kafka.createTopic(in, PARTITIONS);
        kafka.createTopic(out, PARTITIONS, Map.of("message.timestamp.type", "LogAppendTime"));
        String servers = kafka.bootstrapServers();

        Histogram histogram = new Histogram(3_600_000L, 3);
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long measureFromMillis = System.currentTimeMillis() + 3_600_000L;
        AtomicLong measureFrom = new AtomicLong(measureFromMillis);
        Thread reader =
                new Thread(
                        () -> readOutput(out, histogram, received, measureFrom, stop),
                        "latency-reader");
        reader.start();

        Pipeline pipeline = start(contender, in, out, run);
        long sent;
        try {
            long start = System.currentTimeMillis();
            measureFrom.set(start + (long) (warmupSeconds * 1000));
            sent = producePaced(in, rate, warmupSeconds + measureSeconds);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.get() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            pipeline.stop();
            stop.set(true);
            reader.join();
        }
        synchronized (histogram) {
            return new Sample(
                    histogram.getMean(),
                    histogram.getValueAtPercentile(50),
                    histogram.getValueAtPercentile(99),
                    histogram.getValueAtPercentile(99.9),
                    histogram.getMaxValue(),
                    sent / (warmupSeconds + measureSeconds),
                    histogram.getTotalCount(),
                    sent == 0 ? 0 : (double) received.get() / sent);
        }
    }

    /** Something that copies the input topic to the output topic until stopped. */
    private interface Pipeline {
        void stop() throws Exception;
    }

    private Pipeline start(Contender contender, String in, String out, int run) throws Exception {
        String servers = kafka.bootstrapServers();
        if (contender == Contender.RAW) {
            return rawPipeline(in, out);
        }
        StreamExecutionEnvironment env = LocalFlink.environment(parallelism);
        if (contender == Contender.BRIDGE) {
            env.fromSource(
                            KafkaBridgeSource.<byte[]>builder()
                                    .setBootstrapServers(servers)
                                    .setTopics(in)
                                    .setGroupId("bench-latency-bridge-" + run)
                                    .setStartingOffsets(StartingOffsets.earliest())
                                    .setDeserializer(KafkaRecordDeserializer.byteValues())
                                    .setProperties(bridgeSourceProperties)
                                    .build(),
                            WatermarkStrategy.noWatermarks(),
                            "bridge-source")
                    .sinkTo(
                            KafkaBridgeSink.<byte[]>builder()
                                    .setBootstrapServers(servers)
                                    .setRecordSerializer(KafkaRecordSerializer.rawBytes(out))
                                    .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                                    .setProperties(bridgeSinkProperties)
                                    .build())
                    .name("bridge-sink");
        } else {
            env.fromSource(
                            KafkaSource.<byte[]>builder()
                                    .setBootstrapServers(servers)
                                    .setTopics(in)
                                    .setGroupId("bench-latency-official-" + run)
                                    .setStartingOffsets(OffsetsInitializer.earliest())
                                    .setDeserializer(
                                            KafkaRecordDeserializationSchema.valueOnly(
                                                    ByteArrayDeserializer.class))
                                    .build(),
                            WatermarkStrategy.noWatermarks(),
                            "official-source")
                    .sinkTo(
                            OfficialSinks.sink(
                                    servers, out, DeliveryGuarantee.AT_LEAST_ONCE, "unused"))
                    .name("official-sink");
        }
        JobID job = flink.startUnbounded(env, "latency-" + contender.label() + "-" + run);
        // Let the readers get their splits before the clock starts.
        Thread.sleep(500);
        return () -> flink.cancel(job);
    }

    /** {@code parallelism} threads, each consuming its partitions and producing to the output. */
    private Pipeline rawPipeline(String in, String out) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parallelism; t++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = t; p < PARTITIONS; p += parallelism) {
                mine.add(new TopicPartition(in, p));
            }
            Thread thread =
                    new Thread(
                            () -> {
                                try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                                        KafkaProducer<byte[], byte[]> producer =
                                                new KafkaProducer<>(
                                                        KafkaData.rawProducerProperties(
                                                                kafka.bootstrapServers()))) {
                                    consumer.assign(mine);
                                    consumer.seekToBeginning(mine);
                                    while (!stop.get()) {
                                        for (ConsumerRecord<byte[], byte[]> r :
                                                consumer.poll(Duration.ofMillis(50))) {
                                            producer.send(
                                                    new ProducerRecord<>(
                                                            out,
                                                            null,
                                                            r.timestamp(),
                                                            r.key(),
                                                            r.value()),
                                                    (m, e) -> {
                                                        if (e != null) {
                                                            failure.compareAndSet(null, e);
                                                        }
                                                    });
                                        }
                                    }
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "raw-pipeline-" + t);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(500);
        return () -> {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("Raw pipeline failed", failure.get());
            }
        };
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                KafkaData.rawConsumerProperties(kafka.bootstrapServers()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private void readOutput(
            String out,
            Histogram histogram,
            AtomicLong received,
            AtomicLong measureFrom,
            AtomicBoolean stop) {
        List<TopicPartition> partitions = KafkaData.partitions(out, PARTITIONS);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                long from = measureFrom.get();
                int n = 0;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long sentAt = ByteBuffer.wrap(r.value()).getLong();
                    if (sentAt >= from) {
                        synchronized (histogram) {
                            histogram.recordValue(Math.max(0, r.timestamp() - sentAt));
                        }
                    }
                    n++;
                }
                received.addAndGet(n);
            }
        }
    }

    /** Writes at {@code rate} records/s for {@code seconds}; returns the number sent. */
    private long producePaced(String topic, long rate, double seconds) {
        Properties props = KafkaData.producerProperties(kafka.bootstrapServers());
        props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "1");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int partition = 0;
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) / 1e9 * rate);
                if (sent >= due) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                long millis = System.currentTimeMillis();
                while (sent < due) {
                    byte[] value = new byte[BenchEvent.VALUE_BYTES];
                    ByteBuffer.wrap(value).putLong(millis);
                    producer.send(
                            new ProducerRecord<>(topic, partition, millis, null, value),
                            (m, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    partition = (partition + 1) % PARTITIONS;
                    sent++;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Paced producer failed", failure.get());
        }
        return sent;
    }
}
