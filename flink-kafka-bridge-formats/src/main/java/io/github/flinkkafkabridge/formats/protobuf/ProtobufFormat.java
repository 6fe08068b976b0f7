package io.github.flinkkafkabridge.formats.protobuf;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.github.flinkkafkabridge.formats.BinaryFormat;
import io.github.flinkkafkabridge.formats.internal.BytesCodec;
import io.github.flinkkafkabridge.formats.internal.CodecTypeInfo;
import io.github.flinkkafkabridge.serde.FormatException;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Protocol Buffers values (the plain binary encoding) as instances of a generated message class.
 * <!-- snippet: protobuf-format -->
 *
 * <pre>{@code
 * ProtobufFormat<Order> orders = ProtobufFormat.of(Order.class);
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
 * <p>Bytes that are not a valid message (including missing {@code required} fields of proto2) fail
 * with a {@link FormatException}; a null Kafka value (tombstone) becomes no element. Messages
 * travel between Flink operators in their binary encoding. Instances are immutable, serializable
 * and thread-safe.
 *
 * @param <M> the generated message class
 */
public final class ProtobufFormat<M extends Message> extends BinaryFormat<M> {

    private static final long serialVersionUID = 1L;

    private final Class<M> type;
    @Nullable private transient M defaultInstance;

    private ProtobufFormat(Class<M> type) {
        this.type = type;
    }

    /**
     * Messages of the generated class {@code type}.
     *
     * @throws IllegalArgumentException when {@code type} is not a generated message class
     */
    public static <M extends Message> ProtobufFormat<M> of(Class<M> type) {
        ProtobufFormat<M> format = new ProtobufFormat<>(Objects.requireNonNull(type, "type"));
        format.defaultInstance();
        return format;
    }

    /** The generated class. */
    public Class<M> messageClass() {
        return type;
    }

    /** The message's descriptor. */
    public Descriptors.Descriptor descriptor() {
        return defaultInstance().getDescriptorForType();
    }

    /** How messages travel between Flink operators: in their binary encoding. */
    @Override
    public TypeInformation<M> typeInformation() {
        return new CodecTypeInfo<>(new Codec<>(this));
    }

    /**
     * Reads a whole payload.
     *
     * @throws FormatException when the bytes are not a valid message
     */
    @Override
    public M read(byte[] bytes) throws FormatException {
        return read(bytes, 0, bytes.length);
    }

    /**
     * Reads {@code length} bytes from {@code offset}.
     *
     * @throws FormatException when the bytes are not a valid message
     */
    @SuppressWarnings("unchecked")
    public M read(byte[] bytes, int offset, int length) throws FormatException {
        try {
            return ((Parser<M>) defaultInstance().getParserForType())
                    .parseFrom(bytes, offset, length);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new FormatException(
                    "Invalid Protobuf "
                            + descriptor().getFullName()
                            + " in "
                            + length
                            + " bytes: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The binary encoding of {@code message}. */
    @Override
    public byte[] write(M message) {
        return message.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private M defaultInstance() {
        M instance = defaultInstance;
        if (instance == null) {
            try {
                instance = (M) type.getMethod("getDefaultInstance").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException(
                        type.getName()
                                + " is not a generated Protobuf message class (no static"
                                + " getDefaultInstance()): "
                                + e,
                        e);
            }
            defaultInstance = instance;
        }
        return instance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtobufFormat && type.equals(((ProtobufFormat<?>) o).type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return "ProtobufFormat(" + type.getName() + ")";
    }

    /** Messages between operators in their binary encoding. */
    private static final class Codec<M extends Message> implements BytesCodec<M> {
        private static final long serialVersionUID = 1L;
        private final ProtobufFormat<M> format;

        Codec(ProtobufFormat<M> format) {
            this.format = format;
        }

        @Override
        public Class<M> valueClass() {
            return format.type;
        }

        @Override
        public byte[] encode(M value) {
            return value.toByteArray();
        }

        @Override
        public M decode(byte[] bytes) throws FormatException {
            return format.read(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Codec && format.equals(((Codec<?>) o).format);
        }

        @Override
        public int hashCode() {
            return format.hashCode();
        }

        @Override
        public String toString() {
            return format.toString();
        }
    }
}
