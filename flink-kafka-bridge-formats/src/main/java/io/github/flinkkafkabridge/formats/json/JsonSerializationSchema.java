package io.github.flinkkafkabridge.formats.json;

import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * A Flink {@link SerializationSchema} writing each element as one JSON value; made by {@link
 * JsonFormat#serializationSchema()}. An element Jackson cannot write fails with an {@link
 * IllegalArgumentException}. Serializable; one instance per writer thread.
 *
 * @param <T> the element type
 */
public final class JsonSerializationSchema<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final JsonFormat<T> format;

    JsonSerializationSchema(JsonFormat<T> format) {
        this.format = format;
    }

    @Override
    public byte[] serialize(T element) {
        return format.write(element);
    }

    @Override
    public String toString() {
        return format.toString();
    }
}
