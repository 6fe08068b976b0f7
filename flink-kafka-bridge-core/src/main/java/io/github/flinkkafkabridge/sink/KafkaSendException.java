package io.github.flinkkafkabridge.sink;

import java.io.IOException;
import javax.annotation.Nullable;

/**
 * A record the sink could not write to Kafka. The message names the topic, the partition (when
 * known) and the key and value sizes, so an operator can find the cause; the cause is the Kafka
 * client's exception.
 */
public class KafkaSendException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;

    /**
     * Creates the exception.
     *
     * @param message the full message, naming topic and sizes
     * @param topic the record's topic
     * @param partition the record's partition, or -1 when unknown
     * @param cause the client's exception
     */
    public KafkaSendException(
            String message, String topic, int partition, @Nullable Throwable cause) {
        super(message, cause);
        this.topic = topic;
        this.partition = partition;
    }

    /** The topic of the record that failed. */
    public String topic() {
        return topic;
    }

    /** The partition of the record that failed, or -1 when unknown. */
    public int partition() {
        return partition;
    }
}
