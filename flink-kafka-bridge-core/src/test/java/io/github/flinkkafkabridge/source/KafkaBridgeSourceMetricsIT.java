package io.github.flinkkafkabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.metrics.KafkaBridgeMetric;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.testing.CollectingMetricReporter;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's metrics against a real broker, read by name through a Flink metric reporter: the
 * read rate of a producer at a controlled rate, the time lag of a held-back reader, the catch-up
 * time predicted by Little's law, and every declared source metric visible by name.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaBridgeSourceMetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridgeSourceMetricsIT.class);

    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(
                                    CollectingMetricReporter.configure(
                                            FlinkTestClusters.loopbackConfiguration()))
                            .build());

    /** Released to let the held-back job go on; one per test that holds a job. */
    private static volatile CountDownLatch hold = new CountDownLatch(0);

    private static KafkaBridgeSourceBuilder<String> strings(String topic) {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setTopics(topic)
                .setDeserializer(KafkaRecordDeserializer.utf8Values());
    }

    private static String value100(long i) {
        String prefix = "r-" + i + "-";
        char[] padding = new char[100 - prefix.length()];
        Arrays.fill(padding, 'x');
        return prefix + new String(padding);
    }

    /** The scope part of every metric of the job: its name. */
    private static String jobScope(String topic) {
        return ".job-" + topic + ".";
    }

    private static String source(KafkaBridgeMetric metric) {
        return metric.qualifiedName();
    }

    private static String partition(String topic, int partition, KafkaBridgeMetric metric) {
        return "KafkaBridgeSource.topic."
                + topic
                + ".partition."
                + partition
                + "."
                + metric.metricName();
    }

    private static double number(String scope, String name) {
        Metric metric =
                CollectingMetricReporter.find(scope, name)
                        .orElseThrow(
                                () -> new AssertionError("No metric " + name + " in " + scope));
        if (metric instanceof Counter) {
            return ((Counter) metric).getCount();
        }
        return ((Number) ((Gauge<?>) metric).getValue()).doubleValue();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WAIT + " waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void readRateAgreesWithTheProducersAchievedRateWithinTenPercent() throws Exception {
        String topic = KAFKA.createTopic("metrics-rate", 2);
        String scope = jobScope(topic);
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        env.fromSource(strings(topic).build(), WatermarkStrategy.noWatermarks(), "kafka")
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("job-" + topic);
        try (PacedProducer producer = new PacedProducer(topic, 2, 20_000)) {
            await(
                    "both partitions are assigned",
                    () ->
                            CollectingMetricReporter.identifiers(
                                                    scope,
                                                    KafkaBridgeMetric.PARTITION_CURRENT_OFFSET
                                                            .metricName())
                                            .size()
                                    == 2);
            producer.start();
            // A full rate window (10 s) of steady production, plus start-up.
            List<double[]> samples = new ArrayList<>();
            for (int second = 14; second < 20; second++) {
                long at = second;
                await("the producer ran " + at + " s", () -> producer.elapsedSeconds() >= at);
                double truthRecords = producer.ackedRatePerSecond(Duration.ofSeconds(10));
                double records = number(scope, source(KafkaBridgeMetric.RECORDS_READ_PER_SECOND));
                double bytes = number(scope, source(KafkaBridgeMetric.BYTES_READ_PER_SECOND));
                samples.add(new double[] {truthRecords, records, bytes});
                LOG.info(
                        "Read rate at {} s: producer {} records/s, reported {} records/s, {}"
                                + " bytes/s",
                        at,
                        Math.round(truthRecords),
                        Math.round(records),
                        Math.round(bytes));
            }
            double[] median = median(samples);
            LOG.info(
                    "Median: producer {} records/s, reported {} records/s ({} %), {} bytes/s",
                    Math.round(median[0]),
                    Math.round(median[1]),
                    String.format("%+.2f", 100 * (median[1] / median[0] - 1)),
                    Math.round(median[2]));
            assertThat(median[1]).isCloseTo(median[0], within(0.10 * median[0]));
            // Values of 100 bytes, no key.
            assertThat(median[2]).isCloseTo(100 * median[0], within(0.10 * 100 * median[0]));
            assertThat(number(scope, source(KafkaBridgeMetric.RECORDS_READ))).isPositive();
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static double[] median(List<double[]> samples) {
        List<double[]> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> Double.compare(a[1] / a[0], b[1] / b[0]));
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void timeLagOfAHeldBackReaderIsWithinTwentyPercentOfTheTruth() throws Exception {
        String topic = KAFKA.createTopic("metrics-held", 1);
        String scope = jobScope(topic);
        int total = 2_000;
        int heldAt = 1_000;
        // Written two minutes ago, 10 ms apart: the record the job is held at is 110 s old.
        long base = System.currentTimeMillis() - 120_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            records.add(
                    new ProducerRecord<>(
                            topic,
                            0,
                            base + 10L * i,
                            null,
                            ("r-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);

        hold = new CountDownLatch(1);
        String heldValue = "r-" + heldAt;
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        env.fromSource(strings(topic).build(), WatermarkStrategy.noWatermarks(), "kafka")
                .map(
                        value -> {
                            if (value.equals(heldValue)) {
                                hold.await();
                            }
                            return value;
                        })
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("job-" + topic);
        try {
            String position = partition(topic, 0, KafkaBridgeMetric.PARTITION_CURRENT_OFFSET);
            String backlog = partition(topic, 0, KafkaBridgeMetric.PARTITION_BACKLOG_RECORDS);
            await(
                    "the reader is held at offset " + heldAt + " with the log end known",
                    () ->
                            CollectingMetricReporter.find(scope, backlog).isPresent()
                                    && number(scope, position) == heldAt
                                    && number(scope, backlog) == total - heldAt);

            double reported =
                    number(
                            scope,
                            partition(topic, 0, KafkaBridgeMetric.PARTITION_TIME_LAG_SECONDS));
            double truth = (System.currentTimeMillis() - (base + 10L * heldAt)) / 1000.0;
            double readerLag = number(scope, source(KafkaBridgeMetric.TIME_LAG_SECONDS));
            LOG.info(
                    "Held-back reader: time lag reported {} s, truth {} s ({} %), reader {} s",
                    reported,
                    truth,
                    String.format("%+.2f", 100 * (reported / truth - 1)),
                    readerLag);
            assertThat(reported).isCloseTo(truth, within(0.20 * truth));
            assertThat(readerLag).isCloseTo(truth, within(0.20 * truth));
            assertThat(number(scope, source(KafkaBridgeMetric.BACKLOG_RECORDS)))
                    .isEqualTo(total - heldAt);
            assertThat(number(scope, KafkaBridgeMetric.PENDING_RECORDS.metricName()))
                    .isEqualTo(total - heldAt);
        } finally {
            hold.countDown();
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void catchUpTimeByLittlesLawPredictsTheDrainWithinTwentyPercent() throws Exception {
        String topic = KAFKA.createTopic("metrics-catch-up", 1);
        String scope = jobScope(topic);
        int total = 30_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            records.add(
                    new ProducerRecord<>(
                            topic, 0, null, null, value100(i).getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        env.fromSource(
                        strings(topic).setRateLimit(2_000).build(),
                        WatermarkStrategy.noWatermarks(),
                        "kafka")
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("job-" + topic);
        try {
            String read = source(KafkaBridgeMetric.RECORDS_READ);
            String backlog = source(KafkaBridgeMetric.BACKLOG_RECORDS);
            // About 5 s of reading at the limit: the rate window holds a steady rate.
            await(
                    "10,000 records are read",
                    () ->
                            CollectingMetricReporter.find(scope, read).isPresent()
                                    && number(scope, read) >= 10_000);
            double predicted = number(scope, source(KafkaBridgeMetric.CATCH_UP_TIME_SECONDS));
            double backlogAtPrediction = number(scope, backlog);
            long start = System.nanoTime();
            await("the backlog is read", () -> number(scope, backlog) == 0);
            double actual = (System.nanoTime() - start) / 1e9;
            LOG.info(
                    "Catch-up: {} records left, predicted {} s, took {} s ({} %)",
                    Math.round(backlogAtPrediction),
                    predicted,
                    actual,
                    String.format("%+.2f", 100 * (predicted / actual - 1)));
            assertThat(predicted).isCloseTo(actual, within(0.20 * actual));
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySourceMetricIsVisibleByNameThroughAReporter() throws Exception {
        String topic = KAFKA.createTopic("metrics-names", 2);
        String scope = jobScope(topic);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            records.add(
                    new ProducerRecord<>(
                            topic, i % 2, null, null, ("r-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        env.fromSource(
                        strings(topic)
                                .setBounded(StoppingOffsets.latest())
                                .setGroupId("metrics-" + topic)
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "kafka")
                .sinkTo(new DiscardingSink<>());
        env.execute("job-" + topic);

        List<String> missing = new ArrayList<>();
        for (KafkaBridgeMetric metric : KafkaBridgeMetric.values()) {
            List<String> names =
                    switch (metric.scope()) {
                        case SOURCE -> List.of(metric.qualifiedName());
                        case SOURCE_OPERATOR -> List.of(metric.metricName());
                        case SOURCE_PARTITION ->
                                List.of(partition(topic, 0, metric), partition(topic, 1, metric));
                        // The sink registers its own; see SinkWriterMetricsIT.
                        case SINK, SINK_COMMITTER -> List.of();
                    };
            for (String name : names) {
                if (CollectingMetricReporter.find(scope, name).isEmpty()) {
                    missing.add(name);
                }
            }
        }
        assertThat(missing).as("source metrics not visible through the reporter").isEmpty();
        assertThat(number(scope, source(KafkaBridgeMetric.RECORDS_READ))).isEqualTo(100);
    }

    /**
     * Writes values of 100 bytes at a fixed rate, round-robin over partitions, from its own thread,
     * and keeps a timeline of acknowledged records to measure the rate it actually achieved.
     */
    private static final class PacedProducer implements AutoCloseable {
        private final String topic;
        private final int partitions;
        private final long recordsPerSecond;
        private final KafkaProducer<byte[], byte[]> producer;
        private final AtomicLong acked = new AtomicLong();
        private final List<long[]> timeline = new ArrayList<>(); // {nanos, acked}
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long startNanos;

        PacedProducer(String topic, int partitions, long recordsPerSecond) {
            this.topic = topic;
            this.partitions = partitions;
            this.recordsPerSecond = recordsPerSecond;
            Properties props = new Properties();
            props.putAll(KAFKA.cluster().clientProperties());
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.put(ProducerConfig.ACKS_CONFIG, "1");
            this.producer =
                    new KafkaProducer<>(
                            props, new ByteArraySerializer(), new ByteArraySerializer());
            this.thread = new Thread(this::run, "paced-producer-" + topic);
            this.thread.setDaemon(true);
        }

        void start() {
            startNanos = System.nanoTime();
            thread.start();
        }

        private void run() {
            long sent = 0;
            long lastMark = 0;
            while (running) {
                long now = System.nanoTime();
                long due = (now - startNanos) * recordsPerSecond / 1_000_000_000L;
                while (sent < due) {
                    byte[] value = value100(sent).getBytes(StandardCharsets.UTF_8);
                    producer.send(
                            new ProducerRecord<>(topic, (int) (sent % partitions), null, value),
                            (metadata, error) -> {
                                if (error == null) {
                                    acked.incrementAndGet();
                                }
                            });
                    sent++;
                }
                if (now - lastMark >= 50_000_000L) {
                    synchronized (timeline) {
                        timeline.add(new long[] {now, acked.get()});
                    }
                    lastMark = now;
                }
                LockSupport.parkNanos(1_000_000L);
            }
        }

        double elapsedSeconds() {
            return startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
        }

        /** Acknowledged records per second over the last {@code window}. */
        double ackedRatePerSecond(Duration window) {
            synchronized (timeline) {
                long[] last = timeline.get(timeline.size() - 1);
                long[] base = timeline.get(0);
                for (long[] mark : timeline) {
                    if (last[0] - mark[0] <= window.toNanos()) {
                        base = mark;
                        break;
                    }
                }
                return (last[1] - base[1]) * 1e9 / (last[0] - base[0]);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            if (startNanos != 0) {
                thread.join(10_000);
            }
            producer.close(Duration.ofSeconds(10));
        }
    }
}
