package io.github.flinkkafkabridge.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time (on the monotonic clock) by which an operation must finish, with the timeout it
 * was created from so error messages can quote it. Immutable; safe to share between threads.
 */
public final class Deadline {

    private final Duration timeout;
    private final long deadlineNanos;

    private Deadline(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /** A deadline {@code timeout} from now; the timeout must not be negative. */
    public static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return new Deadline(timeout);
    }

    /** The timeout this deadline was created from. */
    public Duration timeout() {
        return timeout;
    }

    /** The time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0L, deadlineNanos - System.nanoTime()));
    }

    /** The time left, at most {@code cap}. */
    public Duration remainingAtMost(Duration cap) {
        Duration remaining = remaining();
        return remaining.compareTo(cap) < 0 ? remaining : cap;
    }

    /** The time left in whole milliseconds, at least 1 so it can be handed to Kafka timeouts. */
    public int remainingMillisForKafka() {
        return (int) Math.max(1L, Math.min(Integer.MAX_VALUE, remaining().toMillis()));
    }

    /** Whether the deadline is still in the future. */
    public boolean hasTimeLeft() {
        return deadlineNanos - System.nanoTime() > 0;
    }

    /** The timeout in a form for messages, such as {@code "30 s"} or {@code "500 ms"}. */
    public String describeTimeout() {
        return describe(timeout);
    }

    /** Formats a duration for messages: whole seconds as {@code "30 s"}, otherwise milliseconds. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
