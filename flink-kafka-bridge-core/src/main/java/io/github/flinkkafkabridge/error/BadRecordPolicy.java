package io.github.flinkkafkabridge.error;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What {@code KafkaBridgeSource} does with a record its deserializer rejects. Every bad record is
 * counted in Flink's {@code numRecordsInErrors}, whatever the policy.
 *
 * <ul>
 *   <li>{@link #fail()} (the default): the job fails with a {@link
 *       io.github.flinkkafkabridge.serde.RecordDeserializationException} naming the topic,
 *       partition, offset and sizes of the record. After a restart the record is read again, so
 *       nothing is skipped until someone decides.
 *   <li>{@link #skip()}: the record is dropped, counted ({@code recordsSkipped}) and logged with
 *       its coordinates at most once every few seconds.
 *   <li>{@link #deadLetter(String)}: the record's key, value and headers are written unchanged to
 *       the dead-letter topic, plus the headers of {@link DeadLetterHeaders} naming the source
 *       record and the error, and counted ({@code recordsDeadLettered}). A dead letter Kafka
 *       rejects fails the job. How dead letters survive failures is the source's dead-letter
 *       delivery guarantee ({@code KafkaBridgeSourceBuilder#setDeadLetterDeliveryGuarantee}):
 *       <ul>
 *         <li>{@code AT_LEAST_ONCE} (default): dead letters are acknowledged by Kafka before each
 *             checkpoint completes, so a failure never loses one; after a failure, a bad record
 *             read again is dead-lettered again (its source topic, partition and offset headers
 *             identify the copies).
 *         <li>{@code EXACTLY_ONCE}: dead letters are written in Kafka transactions committed with
 *             the checkpoints, so a reader of the dead-letter topic with {@code
 *             isolation.level=read_committed} sees every bad record exactly once.
 *       </ul>
 * </ul>
 *
 * <p>With {@code skip} or {@code deadLetter}, the elements of a record are emitted only once the
 * whole record was deserialized, so a rejected record contributes nothing to the stream. Immutable
 * and serializable.
 */
public final class BadRecordPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The three behaviours. */
    public enum Action {
        FAIL,
        SKIP,
        DEAD_LETTER
    }

    private static final BadRecordPolicy FAIL = new BadRecordPolicy(Action.FAIL, null);
    private static final BadRecordPolicy SKIP = new BadRecordPolicy(Action.SKIP, null);

    private final Action action;
    @Nullable private final String deadLetterTopic;

    private BadRecordPolicy(Action action, @Nullable String deadLetterTopic) {
        this.action = action;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Fail the job on a bad record (the default). */
    public static BadRecordPolicy fail() {
        return FAIL;
    }

    /** Drop bad records, counting and logging them. */
    public static BadRecordPolicy skip() {
        return SKIP;
    }

    /**
     * Write bad records unchanged to {@code topic}, with headers naming their origin and the error.
     * The topic must exist (or the cluster must create topics automatically).
     */
    public static BadRecordPolicy deadLetter(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("The dead-letter topic must not be blank");
        }
        return new BadRecordPolicy(Action.DEAD_LETTER, topic.trim());
    }

    public Action action() {
        return action;
    }

    /** The dead-letter topic, for {@link Action#DEAD_LETTER}; null otherwise. */
    @Nullable
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BadRecordPolicy)) {
            return false;
        }
        BadRecordPolicy that = (BadRecordPolicy) o;
        return action == that.action && Objects.equals(deadLetterTopic, that.deadLetterTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, deadLetterTopic);
    }

    @Override
    public String toString() {
        return action == Action.DEAD_LETTER
                ? "DEAD_LETTER(" + deadLetterTopic + ")"
                : action.name();
    }
}
