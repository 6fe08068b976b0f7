package io.github.flinkkafkabridge.sink;

import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What the sink does when Kafka rejects a record (too large, topic missing, not authorized, or
 * retries exhausted within {@code delivery.timeout.ms}).
 *
 * <ul>
 *   <li>{@link #fail()} (the default): the job fails with a {@link KafkaSendException} naming the
 *       topic, partition and sizes; nothing is lost silently.
 *   <li>{@link #deadLetter(String)}: the serialized record is written to a dead-letter topic with
 *       headers naming the error ({@value #HEADER_ERROR_CLASS}, {@value #HEADER_ERROR_MESSAGE},
 *       {@value #HEADER_ORIGINAL_TOPIC}, {@value #HEADER_ORIGINAL_PARTITION}) and counted in the
 *       writer metric {@value #DEAD_LETTER_METRIC}. A record that cannot be dead-lettered either
 *       fails the job. Not available with {@code EXACTLY_ONCE}: a failed send aborts the whole
 *       Kafka transaction, so the other records of the checkpoint could not be kept.
 * </ul>
 *
 * <p>Immutable and serializable.
 */
public final class SendErrorPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Header with the failed send's exception class name. */
    public static final String HEADER_ERROR_CLASS = "kafka-bridge.error.class";

    /** Header with the failed send's exception message. */
    public static final String HEADER_ERROR_MESSAGE = "kafka-bridge.error.message";

    /** Header with the topic the record was meant for. */
    public static final String HEADER_ORIGINAL_TOPIC = "kafka-bridge.original.topic";

    /** Header with the partition the record was meant for, or {@code -1} when none was set. */
    public static final String HEADER_ORIGINAL_PARTITION = "kafka-bridge.original.partition";

    /** Name of the writer counter of dead-lettered records. */
    public static final String DEAD_LETTER_METRIC = "numRecordsDeadLettered";

    private static final SendErrorPolicy FAIL = new SendErrorPolicy(null);

    @Nullable private final String deadLetterTopic;

    private SendErrorPolicy(@Nullable String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Fail the job on the first rejected record (the default). */
    public static SendErrorPolicy fail() {
        return FAIL;
    }

    /**
     * Write rejected records to {@code topic} with headers naming the error.
     *
     * @param topic the dead-letter topic; it must exist and accept the records
     */
    public static SendErrorPolicy deadLetter(String topic) {
        return new SendErrorPolicy(TopicNames.requireValid(topic));
    }

    /** The dead-letter topic, or null for {@link #fail()}. */
    @Nullable
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Whether rejected records go to a dead-letter topic. */
    public boolean isDeadLetter() {
        return deadLetterTopic != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendErrorPolicy
                && Objects.equals(deadLetterTopic, ((SendErrorPolicy) o).deadLetterTopic);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(deadLetterTopic);
    }

    @Override
    public String toString() {
        return deadLetterTopic == null ? "FAIL" : "DEAD_LETTER(" + deadLetterTopic + ")";
    }
}
