package io.github.flinkkafkabridge.metrics;

/**
 * The time source of the metrics: a monotonic clock for intervals and the wall clock for record
 * timestamps. Tests use {@link ManualMetricsClock}; implementations must be thread-safe.
 */
public interface MetricsClock {

    /** Monotonic time in nanoseconds, for rates and ack latencies. */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, compared with Kafka record timestamps. */
    long currentTimeMillis();

    /** The system clock. */
    static MetricsClock system() {
        return SystemClock.INSTANCE;
    }

    /** {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    enum SystemClock implements MetricsClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    }
}
