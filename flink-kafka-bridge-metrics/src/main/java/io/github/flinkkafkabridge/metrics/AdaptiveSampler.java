package io.github.flinkkafkabridge.metrics;

import java.util.function.IntConsumer;

/**
 * Picks which events of a stream are timed for a latency histogram: every event while they come
 * slower than about one per {@link #TARGET_SPACING_NANOS}, and at higher rates one in {@code n},
 * with {@code n} (a power of two up to {@link #MAX_INTERVAL}) doubled or halved at each sample so
 * that samples stay about that far apart. A histogram then gets enough samples for its percentiles
 * at any rate, while the histogram update and the clock reads happen about a thousand times a
 * second at most.
 *
 * <p>Two ways to pick: {@link #sampleNext} and {@link #sampleBatch} count events down (a decrement
 * per event); {@link #sampleSequence} takes an event when a multiplicative hash of its sequence
 * number (a Kafka offset) falls into the lowest {@code 1/n} of its range. That needs no per-event
 * store at all and spreads the samples evenly over consecutive numbers as well as over numbers with
 * a stride (the records of a transactional topic, between commit markers).
 *
 * <p>Not thread-safe: one sampler per calling thread (a reader's task thread, its fetcher thread, a
 * writer's task thread).
 */
final class AdaptiveSampler {

    /** The spacing between two samples the sampler steers to: 1 ms. */
    static final long TARGET_SPACING_NANOS = 1_000_000L;

    /** The largest number of events one sample stands for. */
    static final int MAX_INTERVAL = 1 << 16;

    /** 2^64 divided by the golden ratio: its multiples of consecutive numbers spread evenly. */
    private static final long FIBONACCI_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final MetricsClock clock;
    private int interval = 1;

    /** The hash bits that must be zero for a sequence number to be sampled: the top log2(n). */
    private long sequenceMask;

    private int countdown = 1;
    private boolean sampledBefore;
    private long lastSampleNanos;

    AdaptiveSampler(MetricsClock clock) {
        this.clock = clock;
    }

    /**
     * Whether the next event is to be sampled; when it is, {@link #lastSampleNanos()} is the
     * clock's {@code nanoTime} read for it.
     */
    boolean sampleNext() {
        if (--countdown > 0) {
            return false;
        }
        sampled();
        return true;
    }

    /**
     * Whether the event numbered {@code sequence} is to be sampled; the numbers of a stream should
     * differ from event to event (Kafka offsets do), with any gaps.
     */
    boolean sampleSequence(long sequence) {
        if (((sequence * FIBONACCI_MULTIPLIER) & sequenceMask) != 0) {
            return false;
        }
        sampled();
        return true;
    }

    /**
     * Moves past {@code count} events at once, as {@code count} calls of {@link #sampleNext} would,
     * and hands the index (0 to {@code count - 1}) of each sampled one to {@code sampledIndex}.
     */
    void sampleBatch(int count, IntConsumer sampledIndex) {
        int next = countdown - 1;
        while (next < count) {
            sampled();
            sampledIndex.accept(next);
            next += countdown;
        }
        countdown = next - count + 1;
    }

    /** The {@code nanoTime} of the latest sample. */
    long lastSampleNanos() {
        return lastSampleNanos;
    }

    /** Events per sample now; 1 while events come slowly. */
    int interval() {
        return interval;
    }

    private void sampled() {
        long now = clock.nanoTime();
        if (sampledBefore) {
            long gap = now - lastSampleNanos;
            if (gap < TARGET_SPACING_NANOS / 2) {
                interval = Math.min(MAX_INTERVAL, interval << 1);
            } else if (gap > TARGET_SPACING_NANOS * 2) {
                interval = Math.max(1, interval >> 1);
            }
        }
        sampledBefore = true;
        lastSampleNanos = now;
        countdown = interval;
        sequenceMask = ~(-1L >>> Integer.numberOfTrailingZeros(interval));
    }
}
