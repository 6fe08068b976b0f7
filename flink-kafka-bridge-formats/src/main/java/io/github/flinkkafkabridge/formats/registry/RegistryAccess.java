package io.github.flinkkafkabridge.formats.registry;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * What a key or value reader or writer needs of the registry: its config and the client, created on
 * first use. Shipped with the job graph (the client is not); one instance per side of one
 * deserializer or serializer, used from its thread only.
 */
abstract class RegistryAccess implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SchemaRegistryConfig config;
    @Nullable private transient SchemaRegistryClient client;

    RegistryAccess(SchemaRegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Creates the client now rather than at the first record, so a bad setup fails at start. */
    void open() {
        client();
    }

    final SchemaRegistryConfig config() {
        return config;
    }

    final SchemaRegistryClient client() {
        SchemaRegistryClient c = client;
        if (c == null) {
            c = config.createClient();
            client = c;
        }
        return c;
    }
}
