package io.github.flinkkafkabridge.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap of the JVM during one measurement, from the heap pools' peak usage. The broker and the
 * harness live in the same JVM, so the figure is the whole process's heap, comparable between
 * contenders of one run but not an absolute footprint of a connector.
 */
final class HeapPeak {

    private HeapPeak() {}

    /** Collects garbage and restarts the peak at the current usage. */
    static void reset() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since {@link #reset()}, in MiB; -1 when not readable. */
    static double peakMib() {
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP
                    && pool.isValid()
                    && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
                any = true;
            }
        }
        return any ? sum / (1024.0 * 1024.0) : -1;
    }
}
