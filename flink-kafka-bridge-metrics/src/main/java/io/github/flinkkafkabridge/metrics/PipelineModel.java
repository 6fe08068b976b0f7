package io.github.flinkkafkabridge.metrics;

import java.time.Duration;

/**
 * The arithmetic of the pipeline model, in one place: rate {@code R = B / T}, and Little's law,
 * {@code L = R x W} (data in flight equals rate times latency), hence time lag = backlog / rate.
 */
public final class PipelineModel {

    private PipelineModel() {}

    /** {@code volume / interval} per second; 0 for an empty interval. */
    public static double ratePerSecond(long volume, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, got " + interval);
        }
        long nanos = interval.toNanos();
        return nanos == 0 ? 0.0 : volume * 1e9 / nanos;
    }

    /**
     * How long a backlog takes to drain at a rate, in seconds (Little's law): 0 without backlog,
     * {@link Double#NaN} when there is a backlog but no rate (unknown: nothing is being read).
     */
    public static double timeLagSeconds(long backlog, double ratePerSecond) {
        if (backlog <= 0) {
            return 0.0;
        }
        if (!(ratePerSecond > 0)) {
            return Double.NaN;
        }
        return backlog / ratePerSecond;
    }

    /** Data in flight for a rate and a latency (Little's law): {@code rate x latency}. */
    public static double inFlight(double ratePerSecond, double latencySeconds) {
        return ratePerSecond * latencySeconds;
    }

    /**
     * The latency implied by data in flight and a rate (Little's law): {@code inFlight / rate};
     * {@link Double#NaN} without a rate.
     */
    public static double latencySeconds(double inFlight, double ratePerSecond) {
        return ratePerSecond > 0 ? inFlight / ratePerSecond : Double.NaN;
    }
}
