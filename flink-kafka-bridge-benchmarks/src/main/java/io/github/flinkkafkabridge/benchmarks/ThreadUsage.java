package io.github.flinkkafkabridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.function.Predicate;

/**
 * CPU time and heap allocation of a group of threads so far, summed over the live threads whose
 * names a predicate accepts, beside the CPU time of the whole JVM. Two snapshots taken at two
 * record counts give the cost per record in between; a thread that ends in between is not counted.
 *
 * @param cpuNanos CPU nanoseconds the threads spent
 * @param allocatedBytes bytes the threads allocated on the heap (HotSpot's per-thread counter)
 * @param processCpuNanos CPU nanoseconds the whole JVM spent (broker, garbage collector and Flink
 *     included): on a CPU-bound machine, the rate follows it. Counted in clock ticks (10 ms on
 *     Linux), so a window needs a few seconds of CPU for a percent
 */
record ThreadUsage(long cpuNanos, long allocatedBytes, long processCpuNanos) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** The usage so far of the live threads whose names {@code names} accepts. */
    static ThreadUsage of(Predicate<String> names) {
        long cpu = 0;
        long allocated = 0;
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                cpu += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
                allocated += Math.max(0, THREADS.getThreadAllocatedBytes(info.getThreadId()));
            }
        }
        return new ThreadUsage(cpu, allocated, PROCESS.getProcessCpuTime());
    }

    /** A cost per record between two snapshots, such as {@link #cpuNanosPerRecordSince}. */
    @FunctionalInterface
    interface PerRecord {
        double between(ThreadUsage later, ThreadUsage earlier, long records);
    }

    /** CPU nanoseconds per record from {@code earlier} to this snapshot over {@code records}. */
    double cpuNanosPerRecordSince(ThreadUsage earlier, long records) {
        return (double) (cpuNanos - earlier.cpuNanos) / records;
    }

    /** The whole JVM's CPU nanoseconds per record from {@code earlier} over {@code records}. */
    double processCpuNanosPerRecordSince(ThreadUsage earlier, long records) {
        return (double) (processCpuNanos - earlier.processCpuNanos) / records;
    }

    /** Allocated bytes per record from {@code earlier} to this snapshot over {@code records}. */
    double allocatedBytesPerRecordSince(ThreadUsage earlier, long records) {
        return (double) (allocatedBytes - earlier.allocatedBytes) / records;
    }
}
