package io.github.flinkkafkabridge.source.enumerator;

/** The Kafka cluster did not answer a metadata request, or answered with an error. */
public final class KafkaMetadataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaMetadataException(String message, Throwable cause) {
        super(message, cause);
    }

    public KafkaMetadataException(String message) {
        super(message);
    }
}
