package io.github.flinkkafkabridge.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.View;

/**
 * A rate {@code B / T} over a sliding window, computed on read from a monotonically growing total
 * (a counter): the hot path only bumps the counter, this class never sees individual events.
 *
 * <p>It keeps snapshots {@code (time, total)} at least one slot ({@code window / slots}) apart; the
 * rate is the growth of the total since the oldest snapshot still inside the window, divided by
 * that snapshot's age. Snapshots are taken when the rate is read and when Flink's view updater
 * calls {@link #update()} (every {@value View#UPDATE_INTERVAL_SECONDS} s), so the rate covers
 * between {@code window - max(slot, update interval)} and {@code window}. A rate read before any
 * time has passed is 0.
 *
 * <p>Thread-safe: reading and updating synchronize on this object; the total must be readable from
 * any thread.
 */
public final class SlidingWindowRate implements Gauge<Double>, View {

    /** Default window of every rate the library reports. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    /** Default number of slots in the window: snapshots at least 1 s apart. */
    public static final int DEFAULT_SLOTS = 10;

    private final LongSupplier total;
    private final MetricsClock clock;
    private final long windowNanos;
    private final long slotNanos;
    private final long[] times;
    private final long[] totals;
    private int newest = -1;
    private int size;

    /** A rate of {@code total} over {@link #DEFAULT_WINDOW}. */
    public SlidingWindowRate(LongSupplier total, MetricsClock clock) {
        this(total, clock, DEFAULT_WINDOW, DEFAULT_SLOTS);
    }

    /**
     * A rate of {@code total} over {@code window}, with snapshots at least {@code window / slots}
     * apart.
     */
    public SlidingWindowRate(LongSupplier total, MetricsClock clock, Duration window, int slots) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        this.total = total;
        this.clock = clock;
        this.windowNanos = window.toNanos();
        this.slotNanos = Math.max(1, windowNanos / slots);
        // slots + 2 snapshots at least one slot apart always reach back beyond the window.
        this.times = new long[slots + 2];
        this.totals = new long[slots + 2];
        snapshot(clock.nanoTime(), total.getAsLong());
    }

    /** Takes a snapshot if a slot has passed since the last one. */
    @Override
    public synchronized void update() {
        maybeSnapshot(clock.nanoTime());
    }

    /** The rate per second over the window. */
    public synchronized double ratePerSecond() {
        long now = clock.nanoTime();
        long current = maybeSnapshot(now);
        int base = -1;
        int capacity = times.length;
        for (int i = 0; i < size; i++) {
            int index = (newest - i + capacity) % capacity;
            long age = now - times[index];
            if (age <= 0) {
                continue;
            }
            if (age <= windowNanos) {
                base = index;
            } else {
                // The newest snapshot beyond the window, if nothing inside it is older than now.
                if (base < 0) {
                    base = index;
                }
                break;
            }
        }
        if (base < 0) {
            return 0.0;
        }
        return (current - totals[base]) * 1e9 / (now - times[base]);
    }

    @Override
    public Double getValue() {
        return ratePerSecond();
    }

    /** The window the rate covers. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private long maybeSnapshot(long now) {
        long current = total.getAsLong();
        if (now - times[newest] >= slotNanos) {
            snapshot(now, current);
        }
        return current;
    }

    private void snapshot(long now, long current) {
        newest = (newest + 1) % times.length;
        times[newest] = now;
        totals[newest] = current;
        size = Math.min(size + 1, times.length);
    }
}
