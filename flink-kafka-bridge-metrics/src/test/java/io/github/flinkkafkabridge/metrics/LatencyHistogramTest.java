package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.apache.flink.metrics.HistogramStatistics;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private final ManualMetricsClock clock = new ManualMetricsClock(0);
    private final LatencyHistogram histogram =
            new LatencyHistogram(clock, Duration.ofSeconds(30), 6);

    @Test
    void percentilesAreAccurateToOnePercent() {
        for (long v = 1; v <= 10_000; v++) {
            histogram.update(v);
        }
        HistogramStatistics stats = histogram.getStatistics();
        assertThat(stats.size()).isEqualTo(10_000);
        assertThat(stats.getQuantile(0.50)).isCloseTo(5_000, within(50.0));
        assertThat(stats.getQuantile(0.95)).isCloseTo(9_500, within(95.0));
        assertThat(stats.getQuantile(0.99)).isCloseTo(9_900, within(99.0));
        assertThat(stats.getMax()).isCloseTo(10_000L, within(100L));
        assertThat(stats.getMin()).isEqualTo(1);
        assertThat(stats.getMean()).isCloseTo(5_000.5, within(50.0));
        assertThat(stats.getValues()).hasSize(101);
        assertThat(histogram.getCount()).isEqualTo(10_000);
    }

    @Test
    void forgetsValuesOlderThanTheWindow() {
        histogram.update(1_000);
        clock.advance(Duration.ofSeconds(5));
        histogram.update();
        histogram.update(10);
        clock.advance(Duration.ofSeconds(5));
        histogram.update();
        assertThat(histogram.getStatistics().getMax()).isCloseTo(1_000L, within(10L));

        clock.advance(Duration.ofSeconds(26));
        HistogramStatistics stats = histogram.getStatistics();
        // The slice holding 1000 closed at t=5 s: out of the 30 s window at t=36 s.
        assertThat(stats.size()).isEqualTo(1);
        assertThat(stats.getMax()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(30));
        assertThat(histogram.getStatistics().size()).isZero();
        assertThat(histogram.getStatistics().getMax()).isZero();
        assertThat(histogram.getStatistics().getValues()).isEmpty();
        // The lifetime count keeps everything.
        assertThat(histogram.getCount()).isEqualTo(2);
    }

    @Test
    void keepsTheWindowAcrossManySlices() {
        for (int second = 0; second < 120; second++) {
            histogram.update(second);
            clock.advance(Duration.ofSeconds(1));
            histogram.update();
        }
        HistogramStatistics stats = histogram.getStatistics();
        // About the last 30 s (plus the open slice): values 89..119 or so.
        assertThat(stats.getMin()).isBetween(84L, 91L);
        assertThat(stats.getMax()).isEqualTo(119);
    }

    @Test
    void currentValueIsTheLastRecordedAndNegativeIsZero() {
        assertThat(histogram.currentValueGauge().getValue()).isZero();
        histogram.update(42);
        assertThat(histogram.currentValueGauge().getValue()).isEqualTo(42);
        histogram.update(-5);
        assertThat(histogram.lastValue()).isZero();
        assertThat(histogram.getStatistics().getMin()).isZero();
    }
}
