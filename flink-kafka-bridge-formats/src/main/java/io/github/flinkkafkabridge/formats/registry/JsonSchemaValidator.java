package io.github.flinkkafkabridge.formats.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.github.flinkkafkabridge.serde.FormatException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Validates JSON trees against JSON Schemas with the networknt validator, compiling each schema
 * once per schema id and keeping the {@code capacity} most recently used. A schema without {@code
 * $schema} is read as draft-07, the registry's default. References are resolved only inside the
 * schema: nothing is fetched over the network, so a schema that refers to other documents cannot be
 * used. Owned by one reader or writer and used from its thread only.
 */
final class JsonSchemaValidator {

    /** The dialect of a schema that does not name one with {@code $schema}. */
    static final SpecificationVersion DEFAULT_DIALECT = SpecificationVersion.DRAFT_7;

    /** How many violations a message lists; the others are counted. */
    static final int MAX_REPORTED = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final com.networknt.schema.SchemaRegistry compiler = newCompiler();
    private final Map<Integer, Schema> schemas;
    private long compilations;

    JsonSchemaValidator(int capacity) {
        this.schemas = new LruCache<>(capacity);
    }

    private static com.networknt.schema.SchemaRegistry newCompiler() {
        com.networknt.schema.SchemaRegistryConfig config =
                com.networknt.schema.SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_POINTER)
                        .build();
        return com.networknt.schema.SchemaRegistry.withDefaultDialect(
                DEFAULT_DIALECT,
                builder ->
                        builder.schemaRegistryConfig(config)
                                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    /**
     * Checks that {@code schemaText} compiles, for formats to reject a bad schema when the job is
     * built rather than at the first element.
     *
     * @throws IllegalArgumentException naming the problem
     */
    static void requireUsable(String schemaText) {
        try {
            compile(newCompiler(), schemaText);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The JSON Schema cannot be used: " + e, e);
        }
    }

    /**
     * Validates {@code value} against the schema with {@code schemaId} and text {@code schemaText},
     * compiled on first use.
     *
     * @param context where the value is going or coming from, e.g. "schema id 3, topic 'orders'";
     *     built only for a message
     * @throws FormatException listing the violations with the JSON pointer of each (RFC 6901;
     *     {@code ""} is the whole value), or when the schema cannot be compiled or applied
     */
    void validate(int schemaId, String schemaText, JsonNode value, Supplier<String> context)
            throws FormatException {
        Schema schema = schemas.get(schemaId);
        if (schema == null) {
            try {
                schema = compile(compiler, schemaText);
            } catch (IOException | RuntimeException e) {
                throw new FormatException(
                        "Schema id " + schemaId + " is not a usable JSON Schema: " + e, e);
            }
            compilations++;
            schemas.put(schemaId, schema);
        }
        List<com.networknt.schema.Error> errors;
        try {
            errors = schema.validate(value);
        } catch (RuntimeException e) {
            throw new FormatException(
                    "JSON Schema validation failed (" + context.get() + "): " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new FormatException(describe(errors, context.get()));
        }
    }

    /** How many schemas this validator compiled, for tests of the cache. */
    long compilations() {
        return compilations;
    }

    private static Schema compile(com.networknt.schema.SchemaRegistry compiler, String text)
            throws IOException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new IOException("a JSON Schema is a JSON object or a boolean");
        }
        Schema schema = compiler.getSchema(node);
        // Resolves references now, so a schema that cannot be used fails here, not per value.
        schema.initializeValidators();
        return schema;
    }

    private static String describe(List<com.networknt.schema.Error> errors, String context) {
        StringBuilder message = new StringBuilder("JSON Schema violation (").append(context);
        message.append("): ");
        for (int i = 0; i < Math.min(errors.size(), MAX_REPORTED); i++) {
            com.networknt.schema.Error error = errors.get(i);
            if (i > 0) {
                message.append("; ");
            }
            message.append("at \"")
                    .append(error.getInstanceLocation())
                    .append("\": ")
                    .append(error.getMessage());
        }
        if (errors.size() > MAX_REPORTED) {
            message.append("; and ").append(errors.size() - MAX_REPORTED).append(" more");
        }
        return message.toString();
    }
}
