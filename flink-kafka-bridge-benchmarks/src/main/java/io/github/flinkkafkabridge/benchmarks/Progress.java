package io.github.flinkkafkabridge.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the records a measurement has seen, in chunks so that the per-record cost is one local
 * increment, and keeps (time, count) samples for the steady-state rate, plus the CPU time the
 * source threads spent between 20% and 80% of the records. Static because Flink's tasks in the
 * in-process cluster and the harness share one class loader; one measurement at a time.
 */
final class Progress {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final List<long[]> SAMPLES = new ArrayList<>();
    private static volatile int chunk = 65_536;
    private static volatile long firstNanos;
    private static long expected;
    private static long cpuFromCount = -1;
    private static ThreadUsage cpuFrom;
    private static long cpuToCount = -1;
    private static ThreadUsage cpuTo;

    private Progress() {}

    /** Starts a measurement of {@code expected} records. */
    static synchronized void reset(long expected) {
        COUNT.set(0);
        SAMPLES.clear();
        firstNanos = 0;
        Progress.expected = expected;
        cpuFromCount = -1;
        cpuToCount = -1;
        chunk = (int) Math.max(512, Math.min(65_536, expected / 64));
    }

    /** Records per chunk: callers count locally and {@link #add} every this many records. */
    static int chunk() {
        return chunk;
    }

    /** Adds a chunk of records seen by one thread. */
    static void add(long records) {
        if (records == 0) {
            return;
        }
        long now = System.nanoTime();
        long total = COUNT.addAndGet(records);
        synchronized (Progress.class) {
            if (firstNanos == 0) {
                firstNanos = now;
            }
            SAMPLES.add(new long[] {now, total});
            if (cpuFromCount < 0 && total >= expected * 0.2) {
                cpuFrom = ThreadUsage.of(Progress::isSourceThread);
                cpuFromCount = total;
            } else if (cpuFromCount >= 0 && cpuToCount < 0 && total >= expected * 0.8) {
                cpuTo = ThreadUsage.of(Progress::isSourceThread);
                cpuToCount = total;
            }
        }
    }

    /**
     * CPU nanoseconds the source threads spent per record from the first chunk at 20% of the
     * expected records to the first at 80% (two snapshots per run), or NaN when too few chunks fell
     * in that window. Unlike a rate, this hardly changes when other processes share the cores, so
     * small per-record costs (such as the metrics) can be told apart on a busy machine. Source
     * threads are Flink's source tasks with their chained sink and their split fetchers ({@code
     * "Source: ..."}, {@code "Source Data Fetcher for ..."}) and the raw consumers; the broker's
     * threads are not counted.
     */
    static double sourceCpuNanosPerRecord() {
        return inWindow(ThreadUsage::cpuNanosPerRecordSince);
    }

    /**
     * Bytes the source threads allocated per record in the window of {@link
     * #sourceCpuNanosPerRecord}, or NaN: what a connector leaves for the garbage collector.
     */
    static double sourceAllocatedBytesPerRecord() {
        return inWindow(ThreadUsage::allocatedBytesPerRecordSince);
    }

    /**
     * CPU nanoseconds the whole JVM spent per record in the window of {@link
     * #sourceCpuNanosPerRecord}, or NaN: the source threads plus the broker serving them and the
     * garbage collector.
     */
    static double processCpuNanosPerRecord() {
        return inWindow(ThreadUsage::processCpuNanosPerRecordSince);
    }

    private static synchronized double inWindow(ThreadUsage.PerRecord measure) {
        return windowCovered()
                ? measure.between(cpuTo, cpuFrom, cpuToCount - cpuFromCount)
                : Double.NaN;
    }

    private static boolean windowCovered() {
        return cpuFromCount >= 0 && cpuToCount >= 0 && cpuToCount - cpuFromCount >= expected * 0.5;
    }

    static boolean isSourceThread(String name) {
        return name.startsWith("Source: ")
                || name.startsWith("Source Data Fetcher for ")
                || name.startsWith("raw-consumer-");
    }

    /** Records counted so far. */
    static long count() {
        return COUNT.get();
    }

    /**
     * The rate between 20% and 80% of {@code expected} records of this measurement's samples (see
     * {@link #steadyRate(List, long)}).
     */
    static synchronized double steadyRate(long expected) {
        return steadyRate(SAMPLES, expected);
    }

    /**
     * The rate between 20% and 80% of {@code expected} records, in records/s, from (nanoTime,
     * count) {@code samples} in time order, where start-up and the tail of the last partitions are
     * left out; falls back to the rate from the first sample to the last when too few samples fall
     * in that window.
     */
    static double steadyRate(List<long[]> samples, long expected) {
        long[] from = null;
        long[] to = null;
        for (long[] s : samples) {
            if (from == null && s[1] >= expected * 0.2) {
                from = s;
            }
            if (s[1] <= expected * 0.8) {
                to = s;
            }
        }
        if (from == null || to == null || to[1] - from[1] < expected * 0.3) {
            if (samples.size() < 2) {
                return Double.NaN;
            }
            from = samples.get(0);
            to = samples.get(samples.size() - 1);
        }
        return (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
    }
}
