package io.github.flinkkafkabridge.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for deterministic tests of rates, windows and lags. Both
 * readings advance together. Thread-safe.
 */
public final class ManualMetricsClock implements MetricsClock {

    private final AtomicLong nanos;
    private final long epochMillisAtZero;

    /** A clock at monotonic time 0 and wall-clock time {@code epochMillis}. */
    public ManualMetricsClock(long epochMillis) {
        this.nanos = new AtomicLong();
        this.epochMillisAtZero = epochMillis;
    }

    /** Moves both readings forward by {@code duration} (which must not be negative). */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Cannot move a clock backwards: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
    }

    /** Moves both readings forward by {@code millis} milliseconds. */
    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return epochMillisAtZero + nanos.get() / 1_000_000L;
    }
}
