package io.github.flinkkafkabridge.formats.json;

import io.github.flinkkafkabridge.serde.FormatException;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A Flink {@link DeserializationSchema} reading one JSON value per message; made by {@link
 * JsonFormat#deserializationSchema()}, whose options it follows. Bad bytes fail with a {@link
 * FormatException}. Serializable; one instance per reader thread.
 *
 * @param <T> the value type
 */
public final class JsonDeserializationSchema<T> implements DeserializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final JsonFormat<T> format;

    JsonDeserializationSchema(JsonFormat<T> format) {
        this.format = format;
    }

    /**
     * @return the value, or null for a JSON null or a null message
     * @throws FormatException when the message is not one valid JSON value of the type
     */
    @Override
    @Nullable
    public T deserialize(@Nullable byte[] message) throws FormatException {
        return message == null ? null : format.read(message);
    }

    @Override
    public boolean isEndOfStream(T nextElement) {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return format.typeInformation();
    }

    @Override
    public String toString() {
        return format.toString();
    }
}
