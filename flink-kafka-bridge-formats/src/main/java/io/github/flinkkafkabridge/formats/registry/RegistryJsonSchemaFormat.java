package io.github.flinkkafkabridge.formats.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import java.io.IOException;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * JSON keys and values with a JSON Schema, in the Schema Registry wire format. Reading checks that
 * the id names a JSON Schema in the registry and reads the JSON with a {@link JsonFormat} (its
 * unknown and missing field options apply); writing registers or looks up the given JSON Schema
 * under the subject of {@link SchemaRegistryConfig#subjectNameStrategy()} (for a key, the key
 * subject), with the schema's {@code title} (or the class name) as record name.
 * <!-- snippet: registry-json-schema-format -->
 *
 * <pre>{@code
 * RegistryJsonSchemaFormat<Order> orders =
 *         RegistryJsonSchemaFormat.of(JsonFormat.of(Order.class), orderJsonSchema, registry)
 *                 .withReadValidation(true);
 * }</pre>
 *
 * <p>Validation against the JSON Schema, with the networknt validator:
 *
 * <ul>
 *   <li>{@link #withWriteValidation} (default {@code true}): the serializer checks each written
 *       JSON against the declared schema and fails with a {@link FormatException} instead of
 *       writing a value that breaks it, so consumers that validate never see one from this job.
 *   <li>{@link #withReadValidation} (default {@code false}, as reading was before and as
 *       Confluent's deserializer does): the deserializer checks each JSON against the schema the
 *       registry holds for the payload's schema id and rejects one that breaks it with a {@link
 *       FormatException}, which the source's bad-record policy handles (fail, skip or dead-letter).
 *       Turn it on when other producers may not validate.
 * </ul>
 *
 * <p>A violation names the schema id, the topic (and, when writing, the subject) and, for each of
 * the first {@value JsonSchemaValidator#MAX_REPORTED} violations, the JSON pointer of the offending
 * part and what is wrong: {@code JSON Schema violation (schema id 3, topic 'orders', subject
 * 'orders-value'): at "/amount": must have a minimum value of 0}. Each reader and writer compiles a
 * schema once per schema id. A schema without {@code $schema} is read as draft-07; drafts 4, 6, 7,
 * 2019-09 and 2020-12 are understood. References ({@code $ref}) are followed only inside the
 * schema: nothing is fetched over the network and registry schema references are not resolved.
 *
 * <p>Deserializers fail with a {@link FormatException} for bytes not in the wire format, unknown
 * ids, schemas that are not (usable) JSON Schema, bad JSON and, when validating, JSON that breaks
 * the schema; with a {@link SchemaRegistryException} when the registry fails otherwise. Immutable,
 * serializable and thread-safe.
 *
 * @param <T> the key or value type
 */
public final class RegistryJsonSchemaFormat<T> extends RegistryFormat<T> {

    private static final long serialVersionUID = 1L;

    private final JsonFormat<T> json;
    @Nullable private final String jsonSchema;
    @Nullable private final String recordName;
    private final SchemaRegistryConfig config;
    private final boolean validateWrites;
    private final boolean validateReads;

    private RegistryJsonSchemaFormat(
            JsonFormat<T> json,
            @Nullable String jsonSchema,
            @Nullable String recordName,
            SchemaRegistryConfig config,
            boolean validateWrites,
            boolean validateReads) {
        this.json = Objects.requireNonNull(json, "json");
        this.jsonSchema = jsonSchema;
        this.recordName = recordName;
        this.config = Objects.requireNonNull(config, "config");
        this.validateWrites = validateWrites;
        this.validateReads = validateReads;
    }

    /** For reading only: {@link #serializer(String)} needs the JSON Schema text. */
    public static <T> RegistryJsonSchemaFormat<T> of(
            JsonFormat<T> json, SchemaRegistryConfig config) {
        return new RegistryJsonSchemaFormat<>(json, null, null, config, true, false);
    }

    /**
     * For reading and writing, values described by {@code jsonSchema}.
     *
     * @throws IllegalArgumentException when {@code jsonSchema} is not a JSON object
     */
    public static <T> RegistryJsonSchemaFormat<T> of(
            JsonFormat<T> json, String jsonSchema, SchemaRegistryConfig config) {
        Objects.requireNonNull(jsonSchema, "jsonSchema");
        JsonNode schema;
        try {
            schema = new ObjectMapper().readTree(jsonSchema);
        } catch (IOException e) {
            throw new IllegalArgumentException("The JSON Schema is not valid JSON: " + e, e);
        }
        if (schema == null || !schema.isObject()) {
            throw new IllegalArgumentException("The JSON Schema must be a JSON object");
        }
        String recordName =
                schema.hasNonNull("title")
                        ? schema.get("title").asText()
                        : Objects.requireNonNull(json, "json").valueClass().getName();
        return new RegistryJsonSchemaFormat<>(json, jsonSchema, recordName, config, true, false);
    }

    /**
     * This format with serializers that check each value against the declared JSON Schema (true,
     * the default) or write it unchecked (false).
     */
    public RegistryJsonSchemaFormat<T> withWriteValidation(boolean validate) {
        return new RegistryJsonSchemaFormat<>(
                json, jsonSchema, recordName, config, validate, validateReads);
    }

    /**
     * This format with deserializers that check each value against the registry's schema for its id
     * (true) or read it unchecked (false, the default).
     */
    public RegistryJsonSchemaFormat<T> withReadValidation(boolean validate) {
        return new RegistryJsonSchemaFormat<>(
                json, jsonSchema, recordName, config, validateWrites, validate);
    }

    @Override
    public TypeInformation<T> typeInformation() {
        return json.typeInformation();
    }

    @Override
    RegistryReader<T> newReader() {
        return new Reader<>(json, validateReads, config);
    }

    /**
     * @throws IllegalStateException when the format was made without a JSON Schema
     * @throws IllegalArgumentException when write validation is on and the schema cannot be used
     */
    @Override
    RegistryWriter<T> newWriter() {
        if (jsonSchema == null || recordName == null) {
            throw new IllegalStateException(
                    "Writing needs the JSON Schema: use RegistryJsonSchemaFormat.of(json,"
                            + " jsonSchema, config)");
        }
        if (validateWrites) {
            JsonSchemaValidator.requireUsable(jsonSchema);
        }
        return new Writer<>(json, jsonSchema, recordName, validateWrites, config);
    }

    @Override
    public String toString() {
        return "RegistryJsonSchemaFormat{"
                + json
                + (recordName == null ? "" : ", schema=" + recordName)
                + ", validateWrites="
                + validateWrites
                + ", validateReads="
                + validateReads
                + "}";
    }

    /** Reads keys or values, validating them when asked to. */
    private static final class Reader<T> extends RegistryReader<T> {
        private static final long serialVersionUID = 1L;
        private final JsonFormat<T> json;
        private final boolean validate;
        @Nullable private transient JsonSchemaValidator validator;

        Reader(JsonFormat<T> json, boolean validate, SchemaRegistryConfig config) {
            super(config);
            this.json = json;
            this.validate = validate;
        }

        @Override
        @Nullable
        T read(String topic, byte[] bytes) throws IOException {
            WireFormat.Framed framed = WireFormat.parse(bytes);
            RegistrySchema schema = schema(framed.schemaId(), SchemaType.JSON);
            int offset = framed.payloadOffset();
            int length = framed.payloadLength();
            if (!validate) {
                try {
                    return json.read(bytes, offset, length);
                } catch (FormatException e) {
                    throw withSchemaId(framed, e);
                }
            }
            JsonNode tree;
            try {
                tree = json.readTree(bytes, offset, length);
            } catch (FormatException e) {
                throw withSchemaId(framed, e);
            }
            validator()
                    .validate(
                            framed.schemaId(),
                            schema.text(),
                            tree,
                            () -> "schema id " + framed.schemaId() + ", topic '" + topic + "'");
            try {
                return json.fromTree(tree);
            } catch (FormatException e) {
                throw withSchemaId(framed, e);
            }
        }

        private static FormatException withSchemaId(WireFormat.Framed framed, FormatException e) {
            return new FormatException("Schema id " + framed.schemaId() + ": " + e.getMessage(), e);
        }

        private JsonSchemaValidator validator() {
            JsonSchemaValidator v = validator;
            if (v == null) {
                v = new JsonSchemaValidator(config().cacheCapacity());
                validator = v;
            }
            return v;
        }

        @Override
        TypeInformation<T> producedType() {
            return json.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryJsonSchemaFormat{" + json + ", validateReads=" + validate + "}";
        }
    }

    /** Writes keys or values with the declared schema, validating them when asked to. */
    private static final class Writer<T> extends RegistryWriter<T> {
        private static final long serialVersionUID = 1L;
        private final JsonFormat<T> json;
        private final String jsonSchema;
        private final String recordName;
        private final boolean validate;
        @Nullable private transient JsonSchemaValidator validator;

        Writer(
                JsonFormat<T> json,
                String jsonSchema,
                String recordName,
                boolean validate,
                SchemaRegistryConfig config) {
            super(config);
            this.json = json;
            this.jsonSchema = jsonSchema;
            this.recordName = recordName;
            this.validate = validate;
        }

        @Override
        byte[] write(String topic, boolean isKey, T element) throws IOException {
            int id =
                    schemaId(
                            topic,
                            isKey,
                            recordName,
                            new RegistrySchema(SchemaType.JSON, jsonSchema));
            byte[] payload = json.write(element);
            if (validate) {
                // The bytes as a consumer parses them, so both sides judge the same JSON.
                JsonNode written = json.readTree(payload, 0, payload.length);
                validator()
                        .validate(
                                id,
                                jsonSchema,
                                written,
                                () ->
                                        "schema id "
                                                + id
                                                + ", topic '"
                                                + topic
                                                + "', subject '"
                                                + subject(topic, isKey, recordName)
                                                + "'");
            }
            return WireFormat.frame(id, payload);
        }

        private JsonSchemaValidator validator() {
            JsonSchemaValidator v = validator;
            if (v == null) {
                v = new JsonSchemaValidator(config().cacheCapacity());
                validator = v;
            }
            return v;
        }

        @Override
        public String toString() {
            return "RegistryJsonSchemaFormat{" + json + ", validateWrites=" + validate + "}";
        }
    }
}
