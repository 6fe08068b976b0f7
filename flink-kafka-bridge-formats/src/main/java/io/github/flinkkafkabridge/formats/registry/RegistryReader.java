package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.FormatException;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Reads one framed key or value of a registry format; the same code reads keys and values, since
 * the schema id in the bytes says everything. Made by {@link RegistryFormat#newReader()} for each
 * deserializer and used from its reader thread only.
 *
 * @param <T> what a key or value becomes
 */
abstract class RegistryReader<T> extends RegistryAccess {

    private static final long serialVersionUID = 1L;

    RegistryReader(SchemaRegistryConfig config) {
        super(config);
    }

    /**
     * Reads one framed key or value.
     *
     * @param topic the topic of the record, for error messages
     * @param bytes never null: tombstones and null keys are handled by the caller
     * @return the element, or null when the payload stands for none (a JSON {@code null})
     * @throws FormatException when the bytes are bad or name an unknown or unusable schema
     * @throws SchemaRegistryException when the registry fails for another reason
     */
    @Nullable
    abstract T read(String topic, byte[] bytes) throws IOException;

    /** What {@link #read} produces, for Flink. */
    abstract TypeInformation<T> producedType();

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
}
