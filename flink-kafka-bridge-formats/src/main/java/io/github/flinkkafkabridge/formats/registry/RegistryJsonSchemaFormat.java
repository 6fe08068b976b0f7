package io.github.flinkkafkabridge.formats.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * JSON values with a JSON Schema, in the Schema Registry wire format. Reading checks that the id
 * names a JSON Schema in the registry and reads the JSON with a {@link JsonFormat} (its unknown and
 * missing field options apply); the values are not validated against the JSON Schema. Writing
 * registers or looks up the given JSON Schema under the subject of {@link
 * SchemaRegistryConfig#subjectNameStrategy()}, with the schema's {@code title} (or the class name)
 * as record name.
 * <!-- snippet: registry-json-schema-format -->
 *
 * <pre>{@code
 * RegistryJsonSchemaFormat<Order> orders =
 *         RegistryJsonSchemaFormat.of(JsonFormat.of(Order.class), orderJsonSchema, registry);
 * }</pre>
 *
 * <p>Deserializers fail with a {@link FormatException} for bytes not in the wire format, unknown
 * ids, schemas that are not JSON Schema and bad JSON; with a {@link SchemaRegistryException} when
 * the registry fails otherwise. Immutable, serializable and thread-safe.
 *
 * @param <T> the value type
 */
public final class RegistryJsonSchemaFormat<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final JsonFormat<T> json;
    @Nullable private final String jsonSchema;
    @Nullable private final String recordName;
    private final SchemaRegistryConfig config;

    private RegistryJsonSchemaFormat(
            JsonFormat<T> json, @Nullable String jsonSchema, SchemaRegistryConfig config) {
        this.json = Objects.requireNonNull(json, "json");
        this.config = Objects.requireNonNull(config, "config");
        this.jsonSchema = jsonSchema;
        if (jsonSchema == null) {
            this.recordName = null;
        } else {
            JsonNode schema;
            try {
                schema = new ObjectMapper().readTree(jsonSchema);
            } catch (IOException e) {
                throw new IllegalArgumentException("The JSON Schema is not valid JSON: " + e, e);
            }
            if (schema == null || !schema.isObject()) {
                throw new IllegalArgumentException("The JSON Schema must be a JSON object");
            }
            this.recordName =
                    schema.hasNonNull("title")
                            ? schema.get("title").asText()
                            : json.valueClass().getName();
        }
    }

    /** For reading only: {@link #serializer(String)} needs the JSON Schema text. */
    public static <T> RegistryJsonSchemaFormat<T> of(
            JsonFormat<T> json, SchemaRegistryConfig config) {
        return new RegistryJsonSchemaFormat<>(json, null, config);
    }

    /**
     * For reading and writing, values described by {@code jsonSchema}.
     *
     * @throws IllegalArgumentException when {@code jsonSchema} is not a JSON object
     */
    public static <T> RegistryJsonSchemaFormat<T> of(
            JsonFormat<T> json, String jsonSchema, SchemaRegistryConfig config) {
        return new RegistryJsonSchemaFormat<>(
                json, Objects.requireNonNull(jsonSchema, "jsonSchema"), config);
    }

    /** Record values in this format. */
    public KafkaRecordDeserializer<T> deserializer() {
        return new Deserializer<>(json, config);
    }

    /**
     * Elements as record values in this format, to {@code topic}, without key.
     *
     * @throws IllegalStateException when the format was made without a JSON Schema
     */
    public KafkaRecordSerializer<T> serializer(String topic) {
        if (jsonSchema == null || recordName == null) {
            throw new IllegalStateException(
                    "Writing needs the JSON Schema: use RegistryJsonSchemaFormat.of(json,"
                            + " jsonSchema, config)");
        }
        return new Serializer<>(topic, json, jsonSchema, recordName, config);
    }

    private static final class Deserializer<T> extends RegistryDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final JsonFormat<T> json;

        Deserializer(JsonFormat<T> json, SchemaRegistryConfig config) {
            super(config);
            this.json = json;
        }

        @Override
        @Nullable
        T read(byte[] bytes) throws IOException {
            WireFormat.Framed framed = WireFormat.parse(bytes);
            schema(framed.schemaId(), SchemaType.JSON);
            try {
                return json.read(bytes, framed.payloadOffset(), framed.payloadLength());
            } catch (FormatException e) {
                throw new FormatException(
                        "Schema id " + framed.schemaId() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return json.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryJsonSchemaFormat.deserializer(" + json + ")";
        }
    }

    private static final class Serializer<T> extends RegistrySerializer<T> {
        private static final long serialVersionUID = 1L;
        private final JsonFormat<T> json;
        private final String jsonSchema;
        private final String recordName;

        Serializer(
                String topic,
                JsonFormat<T> json,
                String jsonSchema,
                String recordName,
                SchemaRegistryConfig config) {
            super(topic, config);
            this.json = json;
            this.jsonSchema = jsonSchema;
            this.recordName = recordName;
        }

        @Override
        byte[] write(String topic, T element) throws IOException {
            int id = schemaId(topic, recordName, new RegistrySchema(SchemaType.JSON, jsonSchema));
            return WireFormat.frame(id, json.write(element));
        }

        @Override
        public String toString() {
            return "RegistryJsonSchemaFormat.serializer(" + json + ")";
        }
    }
}
