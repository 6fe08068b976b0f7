package io.github.flinkkafkabridge.formats.registry;

import com.google.protobuf.Message;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Protobuf messages of a generated class as keys or values in the Schema Registry wire format, with
 * message indexes. Reading checks that the id names a Protobuf schema in the registry and that the
 * message indexes are the class's; writing registers or looks up the class's {@code .proto} file
 * (printed from its descriptor, or given with {@link #withSchema(String)}) under the subject of
 * {@link SchemaRegistryConfig#subjectNameStrategy()} (for a key, the key subject), with the
 * message's full name as record name.
 * <!-- snippet: registry-protobuf-format -->
 *
 * <pre>{@code
 * RegistryProtobufFormat<Order> orders = RegistryProtobufFormat.of(Order.class, registry);
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
 * <p>The printed schema covers messages, enums, maps and oneofs; a file that imports other files is
 * registered without schema references, so use {@link #withSchema} and register such files
 * yourself. Deserializers fail with a {@link FormatException} for bytes not in the wire format,
 * unknown ids, non-Protobuf schemas, other message indexes and bad Protobuf; with a {@link
 * SchemaRegistryException} when the registry fails otherwise. Immutable, serializable and
 * thread-safe.
 *
 * @param <M> the generated message class
 */
public final class RegistryProtobufFormat<M extends Message> extends RegistryFormat<M> {

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

    @Override
    public TypeInformation<M> typeInformation() {
        return protobuf.typeInformation();
    }

    @Override
    RegistryReader<M> newReader() {
        return new Reader<>(protobuf, messageIndexes(), config);
    }

    @Override
    RegistryWriter<M> newWriter() {
        return new Writer<>(protobuf, schemaText(), messageIndexes(), config);
    }

    @Override
    public String toString() {
        return "RegistryProtobufFormat{" + protobuf + "}";
    }

    /** Reads keys or values of the class's message type. */
    private static final class Reader<M extends Message> extends RegistryReader<M> {
        private static final long serialVersionUID = 1L;
        private final ProtobufFormat<M> protobuf;
        private final int[] indexes;

        Reader(ProtobufFormat<M> protobuf, int[] indexes, SchemaRegistryConfig config) {
            super(config);
            this.protobuf = protobuf;
            this.indexes = indexes;
        }

        @Override
        M read(String topic, byte[] bytes) throws IOException {
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
        TypeInformation<M> producedType() {
            return protobuf.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryProtobufFormat{" + protobuf + "}";
        }
    }

    /** Writes keys or values with the file's schema and the message's indexes. */
    private static final class Writer<M extends Message> extends RegistryWriter<M> {
        private static final long serialVersionUID = 1L;
        private final ProtobufFormat<M> protobuf;
        private final String schema;
        private final int[] indexes;

        Writer(
                ProtobufFormat<M> protobuf,
                String schema,
                int[] indexes,
                SchemaRegistryConfig config) {
            super(config);
            this.protobuf = protobuf;
            this.schema = schema;
            this.indexes = indexes;
        }

        @Override
        byte[] write(String topic, boolean isKey, M element) throws IOException {
            int id =
                    schemaId(
                            topic,
                            isKey,
                            protobuf.descriptor().getFullName(),
                            new RegistrySchema(SchemaType.PROTOBUF, schema));
            return WireFormat.frame(id, indexes, protobuf.write(element));
        }

        @Override
        public String toString() {
            return "RegistryProtobufFormat{" + protobuf + "}";
        }
    }
}
