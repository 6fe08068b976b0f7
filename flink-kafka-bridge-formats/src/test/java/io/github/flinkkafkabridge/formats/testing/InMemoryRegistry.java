package io.github.flinkkafkabridge.formats.testing;

import io.github.flinkkafkabridge.formats.registry.RegistrySchema;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryClient;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryClientFactory;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry client over a map shared by every client of the same name, for tests that need no HTTP
 * (e.g. the fuzz test). Ids are fixed by the test.
 */
public final class InMemoryRegistry implements SchemaRegistryClient {

    private static final Map<String, Map<Integer, RegistrySchema>> REGISTRIES =
            new ConcurrentHashMap<>();

    private final Map<Integer, RegistrySchema> schemas;

    private InMemoryRegistry(String name) {
        this.schemas = REGISTRIES.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }

    /** A config whose clients all see registry {@code name}. */
    public static SchemaRegistryConfig config(String name, boolean autoRegister) {
        return SchemaRegistryConfig.builder()
                .setClientFactory((SchemaRegistryClientFactory) () -> new InMemoryRegistry(name))
                .setAutoRegisterSchemas(autoRegister)
                .build();
    }

    /** Puts {@code schema} under {@code id} in registry {@code name}. */
    public static void put(String name, int id, RegistrySchema schema) {
        new InMemoryRegistry(name).schemas.put(id, schema);
    }

    @Override
    public RegistrySchema schemaById(int id) throws SchemaRegistryException {
        RegistrySchema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403);
        }
        return schema;
    }

    @Override
    public int register(String subject, RegistrySchema schema) {
        return lookup(subject, schema);
    }

    @Override
    public int lookup(String subject, RegistrySchema schema) {
        for (Map.Entry<Integer, RegistrySchema> e : schemas.entrySet()) {
            if (e.getValue().equals(schema)) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("test registry has no " + schema);
    }
}
