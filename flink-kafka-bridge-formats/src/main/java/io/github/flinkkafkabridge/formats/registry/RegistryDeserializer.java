package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.io.IOException;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Base of the registry formats' deserializers: opens the client, skips tombstones, and turns an
 * unknown or mistyped schema id into a {@link FormatException}. One instance per reader thread.
 */
abstract class RegistryDeserializer<T> implements KafkaRecordDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final SchemaRegistryConfig config;
    @Nullable private transient SchemaRegistryClient client;

    RegistryDeserializer(SchemaRegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        client();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
            throws IOException {
        byte[] bytes = record.value();
        if (bytes != null) {
            T value = read(bytes);
            if (value != null) {
                out.collect(value);
            }
        }
    }

    /**
     * Reads one framed value.
     *
     * @throws FormatException when the bytes are bad or name an unknown or mistyped schema
     * @throws SchemaRegistryException when the registry fails for another reason
     */
    @Nullable
    abstract T read(byte[] bytes) throws IOException;

    /** The schema with {@code id}, which must be of {@code expected} type. */
    final RegistrySchema schema(int id, SchemaType expected) throws IOException {
        RegistrySchema schema;
        try {
            schema = client().schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new FormatException("Unknown schema id " + id + ": " + e.getMessage(), e);
            }
            throw e;
        }
        if (schema.type() != expected) {
            throw new FormatException(
                    "Schema id "
                            + id
                            + " is a "
                            + schema.type()
                            + " schema; this deserializer reads "
                            + expected);
        }
        return schema;
    }

    private SchemaRegistryClient client() {
        SchemaRegistryClient c = client;
        if (c == null) {
            c = config.createClient();
            client = c;
        }
        return c;
    }
}
