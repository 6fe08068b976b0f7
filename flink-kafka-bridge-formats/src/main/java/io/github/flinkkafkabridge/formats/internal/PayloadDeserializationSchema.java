package io.github.flinkkafkabridge.formats.internal;

import io.github.flinkkafkabridge.serde.FormatException;
import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A Flink {@link DeserializationSchema} over a format's read function; a null message becomes null.
 * Serializable; one instance per reader thread.
 *
 * @param <T> the value type
 */
public final class PayloadDeserializationSchema<T> implements DeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** Reads one whole message. */
    @FunctionalInterface
    public interface Reader<T> extends Serializable {
        T read(byte[] bytes) throws FormatException;
    }

    private final Reader<T> reader;
    private final TypeInformation<T> type;
    private final String description;

    public PayloadDeserializationSchema(
            Reader<T> reader, TypeInformation<T> type, String description) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.type = Objects.requireNonNull(type, "type");
        this.description = description;
    }

    @Override
    @Nullable
    public T deserialize(@Nullable byte[] message) throws FormatException {
        return message == null ? null : reader.read(message);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    @Override
    public String toString() {
        return description;
    }
}
