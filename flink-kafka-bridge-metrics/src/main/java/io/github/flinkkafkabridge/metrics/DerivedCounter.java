package io.github.flinkkafkabridge.metrics;

import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;

/**
 * A counter whose count is computed on read (e.g. a sum over partitions), so the hot path updates
 * one field instead of several counters. It cannot be incremented directly.
 */
final class DerivedCounter implements Counter {
    private final LongSupplier count;

    DerivedCounter(LongSupplier count) {
        this.count = count;
    }

    @Override
    public void inc() {
        throw new UnsupportedOperationException("A derived counter is read-only");
    }

    @Override
    public void inc(long n) {
        throw new UnsupportedOperationException("A derived counter is read-only");
    }

    @Override
    public void dec() {
        throw new UnsupportedOperationException("A derived counter is read-only");
    }

    @Override
    public void dec(long n) {
        throw new UnsupportedOperationException("A derived counter is read-only");
    }

    @Override
    public long getCount() {
        return count.getAsLong();
    }
}
