package io.github.flinkkafkabridge.formats.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.flinkkafkabridge.formats.internal.BytesCodec;
import io.github.flinkkafkabridge.formats.internal.CodecTypeInfo;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * JSON with Jackson: values as POJOs, Java records or {@link JsonNode} trees.
 * <!-- snippet: json-format -->
 *
 * <pre>{@code
 * JsonFormat<Order> orders = JsonFormat.of(Order.class);
 * KafkaBridgeSource<Order> source =
 *         KafkaBridgeSource.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setTopics("orders")
 *                 .setDeserializer(orders.deserializer())
 *                 .build();
 * KafkaBridgeSink<Order> sink =
 *         KafkaBridgeSink.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setRecordSerializer(orders.serializer("orders-copy"))
 *                 .build();
 * }</pre>
 *
 * <p>Options, each returning a new format (instances are immutable, serializable and thread-safe):
 *
 * <ul>
 *   <li>{@link #withUnknownFields}: {@link UnknownFields#IGNORE} (default) skips JSON fields the
 *       class does not have; {@link UnknownFields#FAIL} rejects the value.
 *   <li>{@link #withMissingFields}: {@link MissingFields#ALLOW} (default) leaves properties whose
 *       field is absent at their default (null, 0, false); {@link MissingFields#FAIL} rejects a
 *       JSON object that lacks any property of the class (an explicit {@code null} counts as
 *       present).
 * </ul>
 *
 * <p>A JSON {@code null} or a null Kafka value (tombstone) becomes no element. Malformed JSON,
 * trailing content, values of the wrong JSON type and the options above fail with a {@link
 * FormatException} naming the class and the problem. POJOs and records travel between operators
 * through Flink's own serializers; trees travel as JSON bytes.
 *
 * @param <T> the value type
 */
public final class JsonFormat<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What to do with a JSON field the class has no property for. */
    public enum UnknownFields {
        /** Skip it (the default). */
        IGNORE,
        /** Reject the value with a {@link FormatException}. */
        FAIL
    }

    /** What to do when a property of the class has no field in the JSON object. */
    public enum MissingFields {
        /** Leave the property at its default (the default). */
        ALLOW,
        /** Reject the value with a {@link FormatException}. */
        FAIL
    }

    private final Class<T> type;
    private final UnknownFields unknownFields;
    private final MissingFields missingFields;
    @Nullable private transient ObjectMapper mapper;
    @Nullable private transient List<String> requiredProperties;

    private JsonFormat(Class<T> type, UnknownFields unknownFields, MissingFields missingFields) {
        this.type = type;
        this.unknownFields = Objects.requireNonNull(unknownFields, "unknownFields");
        this.missingFields = Objects.requireNonNull(missingFields, "missingFields");
    }

    /** JSON objects as instances of {@code type}: a POJO, a Java record or any Jackson type. */
    public static <T> JsonFormat<T> of(Class<T> type) {
        return new JsonFormat<>(
                Objects.requireNonNull(type, "type"), UnknownFields.IGNORE, MissingFields.ALLOW);
    }

    /** Any JSON value as a Jackson tree. */
    public static JsonFormat<JsonNode> tree() {
        return of(JsonNode.class);
    }

    /** This format with {@code policy} for JSON fields the class does not have. */
    public JsonFormat<T> withUnknownFields(UnknownFields policy) {
        return new JsonFormat<>(type, policy, missingFields);
    }

    /** This format with {@code policy} for properties absent from the JSON object. */
    public JsonFormat<T> withMissingFields(MissingFields policy) {
        return new JsonFormat<>(type, unknownFields, policy);
    }

    /** Record values in this format; a JSON null or a tombstone becomes no element. */
    public KafkaRecordDeserializer<T> deserializer() {
        return KafkaRecordDeserializer.valueOnly(deserializationSchema());
    }

    /** Elements as record values in this format, to {@code topic}, without key. */
    public KafkaRecordSerializer<T> serializer(String topic) {
        return KafkaRecordSerializer.valueOnly(topic, serializationSchema());
    }

    /**
     * A Flink schema for this format, e.g. for keys in {@code KafkaRecordDeserializer.keyValue}.
     */
    public JsonDeserializationSchema<T> deserializationSchema() {
        return new JsonDeserializationSchema<>(this);
    }

    /** A Flink schema writing this format, e.g. for the sink's {@code setValueSerializer}. */
    public JsonSerializationSchema<T> serializationSchema() {
        return new JsonSerializationSchema<>(this);
    }

    /** How values of this format travel between Flink operators. */
    @SuppressWarnings("unchecked")
    public TypeInformation<T> typeInformation() {
        if (JsonNode.class.isAssignableFrom(type)) {
            return new CodecTypeInfo<>((BytesCodec<T>) new TreeCodec());
        }
        return TypeInformation.of(type);
    }

    /**
     * Reads one JSON value.
     *
     * @return null for a JSON null
     * @throws FormatException for anything that is not one valid JSON value of the type
     */
    @Nullable
    public T read(byte[] bytes) throws FormatException {
        return read(bytes, 0, bytes.length);
    }

    /**
     * Reads one JSON value from {@code length} bytes at {@code offset}.
     *
     * @return null for a JSON null
     * @throws FormatException for anything that is not one valid JSON value of the type
     */
    @Nullable
    public T read(byte[] bytes, int offset, int length) throws FormatException {
        if (missingFields == MissingFields.ALLOW || JsonNode.class.isAssignableFrom(type)) {
            if (length == 0) {
                throw new FormatException("No JSON value in 0 bytes");
            }
            try {
                return mapper().readValue(bytes, offset, length, type);
            } catch (IOException | RuntimeException e) {
                throw invalid(e);
            }
        }
        return fromTree(readTree(bytes, offset, length));
    }

    /**
     * Parses one JSON value from {@code length} bytes at {@code offset} into a tree, without
     * binding it to the type: for a caller that inspects the tree (e.g. validates it against a JSON
     * Schema) before {@link #fromTree}.
     *
     * @return the tree; a JSON null is a {@code NullNode}
     * @throws FormatException for anything that is not one valid JSON value (trailing content
     *     included)
     */
    public JsonNode readTree(byte[] bytes, int offset, int length) throws FormatException {
        if (length == 0) {
            throw new FormatException("No JSON value in 0 bytes");
        }
        JsonNode node;
        try {
            node = mapper().readTree(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            throw invalid(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new FormatException("No JSON value in " + length + " bytes");
        }
        return node;
    }

    /**
     * Binds a tree read by {@link #readTree} to the type, with this format's options, as {@link
     * #read(byte[], int, int)} would have.
     *
     * @return null for a JSON null (a {@code NullNode} for tree formats)
     * @throws FormatException when the tree is not a valid value of the type
     */
    @Nullable
    public T fromTree(JsonNode node) throws FormatException {
        try {
            if (JsonNode.class.isAssignableFrom(type)) {
                return mapper().treeToValue(node, type);
            }
            if (node.isNull()) {
                return null;
            }
            if (missingFields == MissingFields.FAIL) {
                requireAllProperties(node);
            }
            return mapper().treeToValue(node, type);
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalid(e);
        }
    }

    private void requireAllProperties(JsonNode node) throws FormatException {
        if (!node.isObject()) {
            throw new FormatException(
                    "Expected a JSON object for "
                            + type.getSimpleName()
                            + ", got "
                            + node.getNodeType());
        }
        List<String> missing = new ArrayList<>();
        for (String property : requiredProperties()) {
            if (!node.has(property)) {
                missing.add(property);
            }
        }
        if (!missing.isEmpty()) {
            throw new FormatException(
                    "JSON object for "
                            + type.getSimpleName()
                            + " lacks field(s) "
                            + missing
                            + " (MissingFields.FAIL)");
        }
    }

    private FormatException invalid(Exception e) {
        return new FormatException(
                "Invalid JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
    }

    /**
     * Writes one value as JSON.
     *
     * @throws IllegalArgumentException when Jackson cannot write it
     */
    public byte[] write(T value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** The class of the values. */
    public Class<T> valueClass() {
        return type;
    }

    private ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            m =
                    JsonMapper.builder()
                            .configure(
                                    DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                                    unknownFields == UnknownFields.FAIL)
                            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                            .build();
            mapper = m;
        }
        return m;
    }

    private List<String> requiredProperties() {
        List<String> names = requiredProperties;
        if (names == null) {
            ObjectMapper m = mapper();
            names = new ArrayList<>();
            for (BeanPropertyDefinition property :
                    m.getDeserializationConfig()
                            .introspect(m.constructType(type))
                            .findProperties()) {
                if (property.couldDeserialize()) {
                    names.add(property.getName());
                }
            }
            requiredProperties = names;
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonFormat
                && type.equals(((JsonFormat<?>) o).type)
                && unknownFields == ((JsonFormat<?>) o).unknownFields
                && missingFields == ((JsonFormat<?>) o).missingFields;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, unknownFields, missingFields);
    }

    @Override
    public String toString() {
        return "JsonFormat{"
                + type.getName()
                + ", unknownFields="
                + unknownFields
                + ", missingFields="
                + missingFields
                + "}";
    }

    /** JSON trees between operators, as JSON text. */
    private static final class TreeCodec implements BytesCodec<JsonNode> {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public Class<JsonNode> valueClass() {
            return JsonNode.class;
        }

        @Override
        public byte[] encode(JsonNode value) throws IOException {
            return MAPPER.writeValueAsBytes(value);
        }

        @Override
        public JsonNode decode(byte[] bytes) throws IOException {
            return MAPPER.readTree(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TreeCodec;
        }

        @Override
        public int hashCode() {
            return TreeCodec.class.hashCode();
        }

        @Override
        public String toString() {
            return "JsonNode";
        }
    }
}
