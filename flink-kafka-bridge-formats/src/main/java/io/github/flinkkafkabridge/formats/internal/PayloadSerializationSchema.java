package io.github.flinkkafkabridge.formats.internal;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * A Flink {@link SerializationSchema} over a format's write function. Serializable; one instance
 * per writer thread.
 *
 * @param <T> the element type
 */
public final class PayloadSerializationSchema<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** Writes one element. */
    @FunctionalInterface
    public interface Writer<T> extends Serializable {
        byte[] write(T element);
    }

    private final Writer<T> writer;
    private final String description;

    public PayloadSerializationSchema(Writer<T> writer, String description) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.description = description;
    }

    @Override
    public byte[] serialize(T element) {
        return writer.write(element);
    }

    @Override
    public String toString() {
        return description;
    }
}
