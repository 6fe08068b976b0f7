package io.github.flinkkafkabridge.examples.cluster;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes. */
final class Await {

    /** A condition that may fail with an exception, which ends the wait at once. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private Await() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @param what what is awaited, for the timeout message
     * @param context more to say on timeout, such as where the logs are; built only then
     * @throws IllegalStateException if the condition does not hold within {@code timeout}
     */
    static void until(Duration timeout, String what, Supplier<String> context, Condition condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        "Timed out after "
                                + timeout.toSeconds()
                                + " s waiting for "
                                + what
                                + "\n"
                                + context.get());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
