package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import javax.annotation.Nullable;

/**
 * The bytes of a key or value are not valid for the format that reads them: malformed JSON, an Avro
 * payload that ends early, an unknown Schema Registry id, a Kafka {@code Deserializer} that threw.
 * The message says what was wrong; the source adds the topic, partition and offset of the record
 * (see {@link RecordDeserializationException}).
 *
 * <p>It is the only exception the deserializers of this library and of {@code
 * flink-kafka-bridge-formats} throw for bad bytes.
 */
public class FormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong with the bytes
     */
    public FormatException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong with the bytes
     * @param cause the underlying parser's error
     */
    public FormatException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
