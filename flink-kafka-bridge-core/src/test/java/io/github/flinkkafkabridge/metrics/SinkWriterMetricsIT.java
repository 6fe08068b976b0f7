package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
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
 * {@link SinkWriterMetrics} driven the way a sink writer drives it, by a Kafka producer writing to
 * a real broker at a controlled rate: the reported write rate matches the records acknowledged,
 * nothing is left in flight after a flush, the ack latency is measured. (The sink itself is wired
 * to these metrics in its own module work; this checks the model against real acknowledgements.)
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SinkWriterMetricsIT {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriterMetricsIT.class);

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void writeRateMatchesTheRecordsAcknowledged() throws Exception {
        String topic = KAFKA.createTopic("sink-metrics", 2);
        MetricListener listener = new MetricListener();
        SinkWriterMetrics metrics =
                SinkWriterMetrics.register(listener.getMetricGroup(), MetricsClock.system());
        Properties props = new Properties();
        props.putAll(KAFKA.cluster().clientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        AtomicLong acked = new AtomicLong();
        List<long[]> timeline = new ArrayList<>(); // {nanos, acked}
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'x');
        long recordsPerSecond = 10_000;
        Duration duration = Duration.ofSeconds(13);
        double reportedRate;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long sent = 0;
            long lastMark = 0;
            while (true) {
                long now = System.nanoTime();
                if (now - start >= duration.toNanos()) {
                    break;
                }
                long due = (now - start) * recordsPerSecond / 1_000_000_000L;
                while (sent < due) {
                    long ticket = metrics.onSend(value.length);
                    producer.send(
                            new ProducerRecord<>(topic, value),
                            (metadata, error) -> {
                                if (error == null) {
                                    acked.incrementAndGet();
                                    metrics.onAcknowledged(
                                            ticket, value.length, SinkWriterMetrics.NO_TIMESTAMP);
                                } else {
                                    metrics.onFailed(ticket, value.length);
                                }
                            });
                    sent++;
                }
                if (now - lastMark >= 50_000_000L) {
                    timeline.add(new long[] {now, acked.get()});
                    lastMark = now;
                }
                LockSupport.parkNanos(1_000_000L);
            }
            reportedRate = rate(listener, "recordsWrittenPerSecond");
            long[] last = new long[] {System.nanoTime(), acked.get()};
            long[] base = timeline.get(0);
            for (long[] mark : timeline) {
                if (last[0] - mark[0] <= Duration.ofSeconds(10).toNanos()) {
                    base = mark;
                    break;
                }
            }
            double truth = (last[1] - base[1]) * 1e9 / (last[0] - base[0]);
            LOG.info(
                    "Write rate: acknowledged {} records/s, reported {} records/s ({} %)",
                    Math.round(truth),
                    Math.round(reportedRate),
                    String.format("%+.2f", 100 * (reportedRate / truth - 1)));
            assertThat(reportedRate).isCloseTo(truth, within(0.10 * truth));
            producer.flush();
        }
        assertThat(
                        listener.getCounter("KafkaBridgeSink", "recordsWritten")
                                .orElseThrow()
                                .getCount())
                .isEqualTo(acked.get());
        assertThat(metrics.recordsInFlight()).isZero();
        assertThat(metrics.bytesInFlight()).isZero();
        assertThat(metrics.bytesWritten()).isEqualTo(100 * acked.get());
        assertThat(metrics.ackLatency().getCount()).isPositive();
        LOG.info(
                "Ack latency p50 {} ms, p99 {} ms",
                metrics.ackLatency().getStatistics().getQuantile(0.5),
                metrics.ackLatency().getStatistics().getQuantile(0.99));
    }

    private static double rate(MetricListener listener, String name) {
        Gauge<Double> gauge = listener.<Double>getGauge("KafkaBridgeSink", name).orElseThrow();
        return gauge.getValue();
    }
}
