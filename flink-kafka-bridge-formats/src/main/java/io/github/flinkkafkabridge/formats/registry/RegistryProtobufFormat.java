package io.github.flinkkafkabridge.formats.registry;

import com.google.protobuf.Message;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Protobuf messages of a generated class in the Schema Registry wire format, with message indexes.
 * Reading checks that the id names a Protobuf schema in the registry and that the message indexes
 * are the class's; writing registers or looks up the class's {@code .proto} file (printed from its
 * descriptor, or given with {@link #withSchema(String)}) under the subject of {@link
 * SchemaRegistryConfig#subjectNameStrategy()}, with the message's full name as record name.
 * <!-- snippet: registry-protobuf-format -->
 *
 * <pre>{@code
 * RegistryProtobufFormat<Order> orders = RegistryProtobufFormat.of(Order.class, registry);
 * }</pre>
 *
 * <p>The printed schema covers messages, enums, maps and oneofs; a file that imports other files is
 * registered without schema references, so use {@link #withSchema} and register such files
 * yourself. Deserializers fail with a {@link FormatException} for bytes not in the wire format,
 * unknown ids, non-Protobuf schemas, other message indexes and bad Protobuf; with a {@link
 * SchemaRegistryException} when the registry fails otherwise. Immutable, serializable and
 * thread-safe.
 *
 * @param <M> the generated message class
 */
public final class RegistryProtobufFormat<M extends Message> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ProtobufFormat<M> protobuf;
    private final SchemaRegistryConfig config;
    @Nullable private final String schema;

    private RegistryProtobufFormat(
            ProtobufFormat<M> protobuf, SchemaRegistryConfig config, @Nullable String schema) {
        this.protobuf = protobuf;
        this.config = Objects.requireNonNull(config, "config");
        this.schema = schema;
    }

    /** Messages of the generated class {@code type}. */
    public static <M extends Message> RegistryProtobufFormat<M> of(
            Class<M> type, SchemaRegistryConfig config) {
        return new RegistryProtobufFormat<>(ProtobufFormat.of(type), config, null);
    }

    /** This format registering {@code protoSource} instead of the printed descriptor. */
    public RegistryProtobufFormat<M> withSchema(String protoSource) {
        return new RegistryProtobufFormat<>(
                protobuf, config, Objects.requireNonNull(protoSource, "protoSource"));
    }

    /** The {@code .proto} text the serializer registers. */
    public String schemaText() {
        return schema != null ? schema : ProtoSchemaPrinter.print(protobuf.descriptor().getFile());
    }

    /** Where the message sits in its {@code .proto} file, as written after the schema id. */
    public int[] messageIndexes() {
        return ProtoSchemaPrinter.messageIndexes(protobuf.descriptor());
    }

    /** Record values in this format. */
    public KafkaRecordDeserializer<M> deserializer() {
        return new Deserializer<>(protobuf, messageIndexes(), config);
    }

    /** Elements as record values in this format, to {@code topic}, without key. */
    public KafkaRecordSerializer<M> serializer(String topic) {
        return new Serializer<>(topic, protobuf, schemaText(), messageIndexes(), config);
    }

    private static final class Deserializer<M extends Message> extends RegistryDeserializer<M> {
        private static final long serialVersionUID = 1L;
        private final ProtobufFormat<M> protobuf;
        private final int[] indexes;

        Deserializer(ProtobufFormat<M> protobuf, int[] indexes, SchemaRegistryConfig config) {
            super(config);
            this.protobuf = protobuf;
            this.indexes = indexes;
        }

        @Override
        M read(byte[] bytes) throws IOException {
            WireFormat.Framed framed = WireFormat.parseWithMessageIndexes(bytes);
            schema(framed.schemaId(), SchemaType.PROTOBUF);
            if (!Arrays.equals(framed.messageIndexes(), indexes)) {
                throw new FormatException(
                        "Schema id "
                                + framed.schemaId()
                                + ": the value is message "
                                + Arrays.toString(framed.messageIndexes())
                                + " of its file, but "
                                + protobuf.descriptor().getFullName()
                                + " is message "
                                + Arrays.toString(indexes));
            }
            try {
                return protobuf.read(bytes, framed.payloadOffset(), framed.payloadLength());
            } catch (FormatException e) {
                throw new FormatException(
                        "Schema id " + framed.schemaId() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public TypeInformation<M> getProducedType() {
            return protobuf.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryProtobufFormat.deserializer(" + protobuf + ")";
        }
    }

    private static final class Serializer<M extends Message> extends RegistrySerializer<M> {
        private static final long serialVersionUID = 1L;
        private final ProtobufFormat<M> protobuf;
        private final String schema;
        private final int[] indexes;

        Serializer(
                String topic,
                ProtobufFormat<M> protobuf,
                String schema,
                int[] indexes,
                SchemaRegistryConfig config) {
            super(topic, config);
            this.protobuf = protobuf;
            this.schema = schema;
            this.indexes = indexes;
        }

        @Override
        byte[] write(String topic, M element) throws IOException {
            int id =
                    schemaId(
                            topic,
                            protobuf.descriptor().getFullName(),
                            new RegistrySchema(SchemaType.PROTOBUF, schema));
            return WireFormat.frame(id, indexes, protobuf.write(element));
        }

        @Override
        public String toString() {
            return "RegistryProtobufFormat.serializer(" + protobuf + ")";
        }
    }
}
