package io.github.flinkkafkabridge.testkit.internal;

import java.time.Duration;
import org.apache.kafka.common.errors.RetriableException;

/** Static helpers for the polling loops that wait on a Kafka cluster. */
final class Polling {

    /** Pause between two probes; the Admin client retries within a probe on its own. */
    static final Duration PROBE_BACKOFF = Duration.ofMillis(50);

    /** Longest single probe, so a slow answer still leaves time to report what went wrong. */
    static final Duration MAX_PROBE = Duration.ofSeconds(5);

    private Polling() {}

    /** Whether waiting may help: Kafka's retriable errors and its own timeouts. */
    static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException
                || error instanceof org.apache.kafka.common.errors.TimeoutException;
    }

    /** The timeout for one probe: the time left, at most {@link #MAX_PROBE}, at least 1 ms. */
    static int remainingProbeMillis(Deadline deadline) {
        return (int) Math.max(1L, deadline.remainingAtMost(MAX_PROBE).toMillis());
    }

    /** Waits {@link #PROBE_BACKOFF} (less if the deadline is closer) before the next probe. */
    static void pause(Deadline deadline, String whatFor) {
        try {
            Thread.sleep(deadline.remainingAtMost(PROBE_BACKOFF).toMillis());
        } catch (InterruptedException e) {
            throw interrupted("waiting for " + whatFor, e);
        }
    }

    /** Restores the interrupt flag and returns an exception saying what was interrupted. */
    static IllegalStateException interrupted(String what, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("Interrupted while " + what, e);
    }
}
