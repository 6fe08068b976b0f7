package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class SinkWriterMetricsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String SINK = "KafkaBridgeSink.";

    private final ManualMetricsClock clock = new ManualMetricsClock(T0);
    private final TestMetricGroup group = new TestMetricGroup();
    private final SinkWriterMetrics metrics = SinkWriterMetrics.register(group, clock);

    @Test
    void registersEverySinkMetricByItsDeclaredName() {
        for (KafkaBridgeMetric metric : KafkaBridgeMetric.values()) {
            if (metric.scope() == KafkaBridgeMetric.Scope.SINK) {
                assertThat(group.registry).containsKey(metric.qualifiedName());
            }
        }
    }

    /**
     * Little's law: records sent at 1,000/s, each acknowledged 40 ms later, keep 40 records in
     * flight (39 to 40, by the instant); the write rate counts acknowledged records only.
     */
    @Test
    void inFlightIsWriteRateTimesAckLatency() {
        Deque<long[]> pending = new ArrayDeque<>(); // {ackAtMillis, ticket}
        long nowMillis = 0;
        for (int ms = 0; ms < 20_000; ms++) {
            long ticket = metrics.onSend(100);
            pending.add(new long[] {nowMillis + 40, ticket});
            clock.advanceMillis(1);
            nowMillis++;
            while (!pending.isEmpty() && pending.peek()[0] <= nowMillis) {
                metrics.onAcknowledged(pending.poll()[1], 100, T0 + nowMillis - 140);
            }
            if (ms % 1_000 == 999) {
                group.updateViews();
            }
        }
        double rate = group.doubleGauge(SINK + "recordsWrittenPerSecond");
        assertThat(rate).isCloseTo(1_000.0, within(1.0));
        assertThat(group.doubleGauge(SINK + "bytesWrittenPerSecond"))
                .isCloseTo(100_000.0, within(100.0));
        long inFlight = group.longGauge(SINK + "recordsInFlight");
        // Sent in the last 40 ms, the one sent 40 ms ago just acknowledged: 39.
        assertThat(inFlight).isEqualTo(39);
        assertThat(group.longGauge(SINK + "bytesInFlight")).isEqualTo(3_900);
        double ackLatencySeconds =
                group.histogram(SINK + "ackLatency").getStatistics().getQuantile(0.5) / 1000.0;
        assertThat(ackLatencySeconds).isCloseTo(0.040, within(0.0005));
        assertThat(PipelineModel.inFlight(rate, ackLatencySeconds))
                .isCloseTo(inFlight, within(1.0));
        assertThat(group.count(SINK + "recordsWritten")).isEqualTo(20_000 - 39);
        assertThat(group.count(SINK + "bytesWritten")).isEqualTo((20_000 - 39) * 100L);
        // Element timestamps 100 ms before the send: 140 ms end to end.
        assertThat(group.longGauge(SINK + "currentEndToEndLatency")).isEqualTo(140);
        assertThat(group.longGauge(SINK + "currentAckLatency")).isEqualTo(40);
    }

    @Test
    void everySendIsTimedWhileSendsAreSlowAndFewAtHighRates() {
        int timed = 0;
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(3));
            if (metrics.onSend(1) != SinkWriterMetrics.NOT_SAMPLED) {
                timed++;
            }
        }
        assertThat(timed).isEqualTo(100);
        timed = 0;
        // One second at 2,000,000 sends/s.
        for (int i = 0; i < 2_000_000; i++) {
            clock.advance(Duration.ofNanos(500));
            if (metrics.onSend(1) != SinkWriterMetrics.NOT_SAMPLED) {
                timed++;
            }
        }
        assertThat(timed).isBetween(500, 2_100);
    }

    @Test
    void failedSendsLeaveFlightButAreNotWritten() {
        long ticket = metrics.onSend(10);
        metrics.onSend(20);
        metrics.onFailed(ticket, 10);
        assertThat(metrics.recordsInFlight()).isEqualTo(1);
        assertThat(metrics.bytesInFlight()).isEqualTo(20);
        assertThat(metrics.recordsWritten()).isZero();
    }

    @Test
    void elementsWithoutSourceTimestampHaveNoEndToEndLatency() {
        long ticket = metrics.onSend(10);
        clock.advance(Duration.ofMillis(3));
        metrics.onAcknowledged(ticket, 10, SinkWriterMetrics.NO_TIMESTAMP);
        assertThat(metrics.ackLatency().getCount()).isEqualTo(1);
        assertThat(metrics.endToEndLatency().getCount()).isZero();
    }

    @Test
    void transactionAndDeadLetterCounters() {
        metrics.onTransactionAborted();
        metrics.onDeadLettered();
        assertThat(group.count(SINK + "transactionsAborted")).isEqualTo(1);
        assertThat(group.count(SINK + "recordsDeadLettered")).isEqualTo(1);
    }
}
