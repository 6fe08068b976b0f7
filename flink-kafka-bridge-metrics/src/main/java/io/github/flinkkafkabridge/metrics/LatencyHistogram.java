package io.github.flinkkafkabridge.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import org.HdrHistogram.Recorder;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.View;

/**
 * A latency distribution over a sliding window, with percentiles (p50, p95, p99, max, ...) for any
 * Flink reporter, and the last recorded value as {@link #currentValueGauge()}.
 *
 * <p>{@link #update(long)} is the hot path: a wait-free, allocation-free write into an HdrHistogram
 * {@link Recorder} (two significant digits, so values are exact to 1%), callable from any number of
 * threads. Reading rolls the recorder's interval into slices of {@code window / slices}; the
 * statistics merge the slices inside the window. Reading synchronizes on this object and allocates
 * the merged copy, which is fine at reporter frequency.
 *
 * <p>Negative values (a record timestamp ahead of this host's clock) are recorded as 0.
 */
public final class LatencyHistogram implements Histogram, View {

    /** Default window of every latency histogram the library reports. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

    /** Default number of slices in the window: the window moves in 5 s steps. */
    public static final int DEFAULT_SLICES = 6;

    private static final int SIGNIFICANT_DIGITS = 2;

    private static final VarHandle LAST_VALUE;

    static {
        try {
            LAST_VALUE =
                    MethodHandles.lookup()
                            .findVarHandle(LatencyHistogram.class, "lastValue", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final MetricsClock clock;
    private final long windowNanos;
    private final long sliceNanos;

    /** Finished slices, a ring; {@code sliceEnds[i]} is when slice i was closed. */
    private final org.HdrHistogram.Histogram[] slices;

    private final long[] sliceEnds;

    /** Slices in use: the ring fills from index 0, then wraps. */
    private int filledSlices;

    private int newestSlice = -1;

    /** The open slice: everything rolled in since {@code currentStart}. */
    private org.HdrHistogram.Histogram current = newHistogram();

    private long currentStart;
    private org.HdrHistogram.Histogram interval;
    private long count;

    @SuppressWarnings("unused") // accessed through LAST_VALUE
    private long lastValue;

    /** A histogram over {@link #DEFAULT_WINDOW}. */
    public LatencyHistogram(MetricsClock clock) {
        this(clock, DEFAULT_WINDOW, DEFAULT_SLICES);
    }

    /** A histogram over {@code window}, moving in steps of {@code window / slices}. */
    public LatencyHistogram(MetricsClock clock, Duration window, int slices) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be at least 1, got " + slices);
        }
        this.clock = clock;
        this.windowNanos = window.toNanos();
        this.sliceNanos = Math.max(1, windowNanos / slices);
        this.slices = new org.HdrHistogram.Histogram[slices];
        this.sliceEnds = new long[slices];
        for (int i = 0; i < slices; i++) {
            this.slices[i] = newHistogram();
        }
        this.currentStart = clock.nanoTime();
    }

    /** Records one latency; wait-free and allocation-free, from any thread. */
    @Override
    public void update(long value) {
        long v = Math.max(0, value);
        LAST_VALUE.setOpaque(this, v);
        recorder.recordValue(v);
    }

    /** The last recorded value, 0 before the first. */
    public long lastValue() {
        return (long) LAST_VALUE.getOpaque(this);
    }

    /** A gauge of {@link #lastValue()}. */
    public Gauge<Long> currentValueGauge() {
        return this::lastValue;
    }

    /** Values recorded since creation. */
    @Override
    public synchronized long getCount() {
        roll(clock.nanoTime());
        return count;
    }

    /** The distribution of the values recorded inside the window, as an immutable snapshot. */
    @Override
    public synchronized HistogramStatistics getStatistics() {
        long now = clock.nanoTime();
        roll(now);
        org.HdrHistogram.Histogram merged = newHistogram();
        for (int i = 0; i < slices.length; i++) {
            if (i < filledSlices && now - sliceEnds[i] < windowNanos) {
                merged.add(slices[i]);
            }
        }
        merged.add(current);
        return new Statistics(merged);
    }

    /** Rolls recorded values into the current slice, closing it if a slice has passed. */
    @Override
    public synchronized void update() {
        roll(clock.nanoTime());
    }

    private void roll(long now) {
        interval = recorder.getIntervalHistogram(interval);
        count += interval.getTotalCount();
        current.add(interval);
        if (now - currentStart >= sliceNanos) {
            int next = (newestSlice + 1) % slices.length;
            org.HdrHistogram.Histogram recycled = slices[next];
            slices[next] = current;
            sliceEnds[next] = now;
            newestSlice = next;
            filledSlices = Math.min(filledSlices + 1, slices.length);
            recycled.reset();
            current = recycled;
            currentStart = now;
        }
    }

    private static org.HdrHistogram.Histogram newHistogram() {
        return new org.HdrHistogram.Histogram(SIGNIFICANT_DIGITS);
    }

    /** An immutable view of a merged HdrHistogram. */
    private static final class Statistics extends HistogramStatistics {
        private final org.HdrHistogram.Histogram histogram;

        Statistics(org.HdrHistogram.Histogram histogram) {
            this.histogram = histogram;
        }

        /** The value at {@code quantile} (0 to 1). */
        @Override
        public double getQuantile(double quantile) {
            return histogram.getValueAtPercentile(quantile * 100.0);
        }

        /**
         * A summary of the sample rather than every value: the values at percentiles 0, 1, ..., 100
         * (empty when nothing was recorded).
         */
        @Override
        public long[] getValues() {
            if (histogram.getTotalCount() == 0) {
                return new long[0];
            }
            long[] values = new long[101];
            for (int p = 0; p <= 100; p++) {
                values[p] = histogram.getValueAtPercentile(p);
            }
            return values;
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, histogram.getTotalCount());
        }

        @Override
        public double getMean() {
            return histogram.getMean();
        }

        @Override
        public double getStdDev() {
            return histogram.getStdDeviation();
        }

        @Override
        public long getMax() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue();
        }

        @Override
        public long getMin() {
            return histogram.getTotalCount() == 0 ? 0 : histogram.getMinValue();
        }
    }
}
