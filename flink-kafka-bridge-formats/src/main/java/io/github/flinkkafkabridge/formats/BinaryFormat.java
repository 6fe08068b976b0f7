package io.github.flinkkafkabridge.formats;

import io.github.flinkkafkabridge.formats.internal.PayloadDeserializationSchema;
import io.github.flinkkafkabridge.formats.internal.PayloadSerializationSchema;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A format whose values are one binary payload each. A subclass supplies {@link #read}, {@link
 * #write} and {@link #typeInformation}; the source and sink conveniences are built from them, so
 * the common case is one line in a builder: {@code setDeserializer(format.deserializer())}.
 *
 * @param <T> the value type
 */
public abstract class BinaryFormat<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Subclasses only. */
    protected BinaryFormat() {}

    /**
     * Reads one whole payload.
     *
     * @throws FormatException when the bytes are not a valid value of this format
     */
    public abstract T read(byte[] bytes) throws FormatException;

    /** Writes one value. */
    public abstract byte[] write(T value);

    /** How values of this format travel between Flink operators. */
    public abstract TypeInformation<T> typeInformation();

    /** Record values in this format; a tombstone becomes no element. */
    public final KafkaRecordDeserializer<T> deserializer() {
        return KafkaRecordDeserializer.valueOnly(deserializationSchema());
    }

    /** Elements as record values in this format, to {@code topic}, without key. */
    public final KafkaRecordSerializer<T> serializer(String topic) {
        return KafkaRecordSerializer.valueOnly(topic, serializationSchema());
    }

    /**
     * A Flink schema for this format, e.g. for keys in {@code KafkaRecordDeserializer.keyValue}.
     */
    public final DeserializationSchema<T> deserializationSchema() {
        return new PayloadDeserializationSchema<>(this::read, typeInformation(), toString());
    }

    /** A Flink schema writing this format. */
    public final SerializationSchema<T> serializationSchema() {
        return new PayloadSerializationSchema<>(this::write, toString());
    }
}
