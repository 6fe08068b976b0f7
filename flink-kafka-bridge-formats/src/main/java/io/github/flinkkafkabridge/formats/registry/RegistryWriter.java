package io.github.flinkkafkabridge.formats.registry;

import java.io.IOException;

/**
 * Writes one key or value of a registry format: finds the schema id under the subject the config's
 * {@link SubjectNameStrategy} gives for a key or a value (registering the schema when configured
 * to) and frames the payload. The same code writes keys and values. Made by {@link
 * RegistryFormat#newWriter()} for each serializer and used from its writer thread only.
 *
 * @param <T> the key or value type
 */
abstract class RegistryWriter<T> extends RegistryAccess {

    private static final long serialVersionUID = 1L;

    RegistryWriter(SchemaRegistryConfig config) {
        super(config);
    }

    /**
     * The framed bytes of {@code element} as a key or value of {@code topic}.
     *
     * @throws io.github.flinkkafkabridge.serde.FormatException when the element does not conform to
     *     its schema (JSON Schema validation)
     * @throws SchemaRegistryException when the schema cannot be registered or found
     */
    abstract byte[] write(String topic, boolean isKey, T element) throws IOException;

    /** The subject of a key or value of {@code recordName} written to {@code topic}. */
    final String subject(String topic, boolean isKey, String recordName) {
        return config().subjectNameStrategy().subject(topic, isKey, recordName);
    }

    /**
     * The id of {@code schema} for a key or value of {@code recordName} written to {@code topic}.
     */
    final int schemaId(String topic, boolean isKey, String recordName, RegistrySchema schema)
            throws IOException {
        String subject = subject(topic, isKey, recordName);
        if (config().autoRegisterSchemas()) {
            return client().register(subject, schema);
        }
        try {
            return client().lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SchemaRegistryException(
                        "The "
                                + schema.type()
                                + " schema of "
                                + recordName
                                + " is not registered under subject '"
                                + subject
                                + "' and auto-registration is off"
                                + " (SchemaRegistryConfig.setAutoRegisterSchemas): "
                                + e.getMessage(),
                        e.httpStatus(),
                        e.errorCode());
            }
            throw e;
        }
    }
}
