package io.github.flinkkafkabridge.formats.registry;

import java.io.IOException;

/**
 * The three Schema Registry calls the formats need. {@link CachingSchemaRegistryClient} talks to a
 * registry over HTTP; tests and custom setups may implement it (see {@link
 * SchemaRegistryConfig.Builder#setClientFactory}). Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /**
     * The schema with {@code id} ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} for an
     *     unknown id
     */
    RegistrySchema schemaById(int id) throws IOException;

    /**
     * Registers {@code schema} under {@code subject}, or finds it already registered, and returns
     * its id ({@code POST /subjects/{subject}/versions}).
     *
     * @throws SchemaRegistryException with status 409 when the registry finds the schema
     *     incompatible with the subject's earlier versions
     */
    int register(String subject, RegistrySchema schema) throws IOException;

    /**
     * The id of {@code schema} already registered under {@code subject} ({@code POST
     * /subjects/{subject}}).
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when the
     *     subject or the schema is not registered
     */
    int lookup(String subject, RegistrySchema schema) throws IOException;

    @Override
    default void close() {}
}
