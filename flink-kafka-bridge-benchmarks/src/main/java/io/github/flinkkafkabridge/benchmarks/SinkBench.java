package io.github.flinkkafkabridge.benchmarks;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes generated 100-byte records to a fresh 4-partition topic: the bridge's sink, the official
 * sink (both fed by a Flink sequence source) and raw producer threads, with at-least-once and
 * exactly-once (checkpoint, or for the raw producer a transaction commit, every second).
 */
final class SinkBench {

    static final int PARTITIONS = 4;
    static final long CHECKPOINT_MILLIS = 1000;

    /**
     * One timed write: the whole-job rate, the broker-acknowledged rate between 20% and 80% of the
     * records, the writing threads' CPU and allocation per record and the whole JVM's CPU per
     * record in that window (at-least-once only, else NaN), and the peak heap.
     */
    record Sample(
            double rate,
            double steadyRate,
            double cpuNanosPerRecord,
            double allocatedBytesPerRecord,
            double processCpuNanosPerRecord,
            double peakHeapMib) {}

    private final LocalFlink flink;
    private final KafkaCluster kafka;
    private final long records;
    private final int parallelism;
    private final Properties bridgeProperties;
    private final List<String> topics = new ArrayList<>();
    private int runs;

    SinkBench(
            LocalFlink flink,
            KafkaCluster kafka,
            long records,
            int parallelism,
            Properties bridgeProperties) {
        this.bridgeProperties = bridgeProperties;
        this.flink = flink;
        this.kafka = kafka;
        this.records = records;
        this.parallelism = parallelism;
    }

    /** A fresh topic for the next run. */
    String newTopic(String label) {
        String topic = "sink-" + label + "-" + (++runs);
        kafka.createTopic(topic, PARTITIONS);
        topics.add(topic);
        return topic;
    }

    /** Deletes the topics of every run, so the broker's disk does not fill up. */
    void deleteTopics() {
        for (String topic : topics) {
            kafka.deleteTopic(topic);
        }
        topics.clear();
    }

    Sample run(Contender contender, DeliveryGuarantee guarantee) throws Exception {
        String label =
                contender.label() + "-" + guarantee.name().toLowerCase(java.util.Locale.ROOT);
        String topic = newTopic(label);
        String servers = kafka.bootstrapServers();
        HeapPeak.reset();
        boolean watch = guarantee == DeliveryGuarantee.AT_LEAST_ONCE;
        EndOffsetWatcher watcher =
                watch ? EndOffsetWatcher.start(servers, topic, PARTITIONS, records) : null;
        long nanos;
        try {
            nanos = write(contender, guarantee, topic, servers, label);
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
        double heap = HeapPeak.peakMib();
        checkWritten(servers, topic, records);
        return new Sample(
                records / (nanos / 1e9),
                watcher != null ? watcher.steadyRate() : Double.NaN,
                watcher != null ? watcher.writerCpuNanosPerRecord() : Double.NaN,
                watcher != null ? watcher.writerAllocatedBytesPerRecord() : Double.NaN,
                watcher != null ? watcher.processCpuNanosPerRecord() : Double.NaN,
                heap);
    }

    private long write(
            Contender contender,
            DeliveryGuarantee guarantee,
            String topic,
            String servers,
            String label)
            throws Exception {
        long nanos;
        if (contender == Contender.RAW) {
            nanos =
                    rawWrite(
                            topic, guarantee == DeliveryGuarantee.EXACTLY_ONCE, label + "-" + runs);
        } else {
            StreamExecutionEnvironment env = LocalFlink.environment(parallelism);
            if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
                env.enableCheckpointing(CHECKPOINT_MILLIS);
            }
            var stream = OfficialSinks.generated(env, records);
            String prefix = "bench-" + label + "-" + runs;
            if (contender == Contender.BRIDGE) {
                var builder =
                        KafkaBridgeSink.<byte[]>builder()
                                .setBootstrapServers(servers)
                                .setRecordSerializer(KafkaRecordSerializer.rawBytes(topic))
                                .setDeliveryGuarantee(guarantee)
                                .setProperties(bridgeProperties);
                if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
                    builder.setTransactionalIdPrefix(prefix);
                }
                stream.sinkTo(builder.build()).name("bridge-sink");
            } else {
                stream.sinkTo(OfficialSinks.sink(servers, topic, guarantee, prefix))
                        .name("official-sink");
            }
            nanos = flink.runToEnd(env, "sink-" + label);
        }
        return nanos;
    }

    /** Fails when the topic holds fewer than {@code expected} records. */
    static void checkWritten(String servers, String topic, long expected) throws Exception {
        long written = KafkaData.endOffsetSum(servers, topic, PARTITIONS);
        if (written < expected) {
            throw new IllegalStateException(
                    topic + " holds " + written + " of " + expected + " records");
        }
    }

    private long rawWrite(String topic, boolean transactional, String id) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < parallelism; t++) {
            long from = records * t / parallelism;
            long to = records * (t + 1) / parallelism;
            String transactionalId = transactional ? "bench-raw-" + id + "-" + t : null;
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    produce(topic, from, to, transactionalId, failure);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "raw-producer-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("Raw producer failed", failure.get());
        }
        return elapsed;
    }

    private void produce(
            String topic,
            long from,
            long to,
            String transactionalId,
            AtomicReference<Throwable> failure) {
        Properties props = KafkaData.rawProducerProperties(kafka.bootstrapServers());
        if (transactionalId != null) {
            props.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        Callback callback =
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                };
        OfficialSinks.Payload payload = new OfficialSinks.Payload();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long nextCommit = 0;
            if (transactionalId != null) {
                producer.initTransactions();
                producer.beginTransaction();
                nextCommit = System.nanoTime() + CHECKPOINT_MILLIS * 1_000_000;
            }
            for (long i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, payload.map(i)), callback);
                if (transactionalId != null && (i & 1023) == 0 && System.nanoTime() > nextCommit) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    nextCommit = System.nanoTime() + CHECKPOINT_MILLIS * 1_000_000;
                }
            }
            if (transactionalId != null) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
        }
    }
}
