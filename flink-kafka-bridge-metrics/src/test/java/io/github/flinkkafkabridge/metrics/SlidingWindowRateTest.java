package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowRateTest {

    private final ManualMetricsClock clock = new ManualMetricsClock(1_700_000_000_000L);
    private final AtomicLong total = new AtomicLong();
    private final SlidingWindowRate rate =
            new SlidingWindowRate(total::get, clock, Duration.ofSeconds(10), 10);

    /** Adds {@code perSecond} events every 100 ms for {@code seconds}, reading every second. */
    private void run(long perSecond, int seconds) {
        for (int tick = 0; tick < seconds * 10; tick++) {
            total.addAndGet(perSecond / 10);
            clock.advanceMillis(100);
            if (tick % 10 == 9) {
                rate.update();
            }
        }
    }

    @Test
    void isZeroBeforeTimePasses() {
        total.set(500);
        assertThat(rate.ratePerSecond()).isZero();
    }

    @Test
    void constantRateIsMeasuredExactly() {
        run(20_000, 30);
        assertThat(rate.ratePerSecond()).isCloseTo(20_000.0, within(1e-6));
    }

    @Test
    void partialWindowUsesTheTimeSinceStart() {
        run(1_000, 3);
        assertThat(rate.ratePerSecond()).isCloseTo(1_000.0, within(1e-6));
    }

    @Test
    void followsAStepChangeWithinOneWindow() {
        run(1_000, 20);
        run(5_000, 5);
        // Half the window at each rate.
        assertThat(rate.ratePerSecond()).isCloseTo(3_000.0, within(1e-6));
        run(5_000, 11);
        assertThat(rate.ratePerSecond()).isCloseTo(5_000.0, within(1e-6));
    }

    @Test
    void dropsToZeroOneWindowAfterTheLastEvent() {
        run(1_000, 20);
        clock.advance(Duration.ofSeconds(5));
        rate.update();
        assertThat(rate.ratePerSecond()).isCloseTo(500.0, within(1e-6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(rate.ratePerSecond()).isZero();
    }

    @Test
    void worksWithoutViewUpdatesWhenReadOften() {
        for (int second = 0; second < 30; second++) {
            total.addAndGet(700);
            clock.advance(Duration.ofSeconds(1));
            rate.getValue();
        }
        assertThat(rate.getValue()).isCloseTo(700.0, within(1e-6));
    }

    @Test
    void coversBetweenWindowMinusUpdateIntervalAndWindowWithFlinkUpdates() {
        // Flink's view updater calls update() every 5 s; nobody else reads.
        for (int second = 1; second <= 40; second++) {
            total.addAndGet(second <= 33 ? 100 : 400);
            clock.advance(Duration.ofSeconds(1));
            if (second % 5 == 0) {
                rate.update();
            }
        }
        // At t=40 the oldest snapshot inside 10 s is t=30: 3 s at 100/s and 7 s at 400/s.
        assertThat(rate.ratePerSecond()).isCloseTo((3 * 100 + 7 * 400) / 10.0, within(1e-6));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new SlidingWindowRate(total::get, clock, Duration.ZERO, 10))
                .hasMessageContaining("window must be positive, got PT0S");
        assertThatThrownBy(() -> new SlidingWindowRate(total::get, clock, Duration.ofSeconds(1), 0))
                .hasMessageContaining("slots must be at least 1, got 0");
    }
}
