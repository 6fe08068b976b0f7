package io.github.flinkkafkabridge.formats.internal;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Flink type information for values that a {@link BytesCodec} writes: each value travels as a
 * length-prefixed byte array. Used for Avro records, Protobuf messages and JSON trees, which Kryo
 * handles badly.
 *
 * @param <T> the value type
 */
public final class CodecTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final BytesCodec<T> codec;

    public CodecTypeInfo(BytesCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return codec.valueClass();
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CodecSerializer<>(codec);
    }

    @Override
    public String toString() {
        return "CodecTypeInfo<" + codec + ">";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof CodecTypeInfo && codec.equals(((CodecTypeInfo<?>) obj).codec);
    }

    @Override
    public int hashCode() {
        return codec.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof CodecTypeInfo;
    }

    /** The serializer: stateless apart from the codec, so one instance may be shared. */
    public static final class CodecSerializer<T> extends TypeSerializer<T> {

        private static final long serialVersionUID = 1L;

        private final BytesCodec<T> codec;

        CodecSerializer(BytesCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<T> duplicate() {
            return this;
        }

        @Override
        public T createInstance() {
            return null;
        }

        @Override
        public T copy(T from) {
            try {
                return codec.decode(codec.encode(from));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot copy a value with " + codec + ": " + e, e);
            }
        }

        @Override
        public T copy(T from, T reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(T record, DataOutputView target) throws IOException {
            byte[] bytes = codec.encode(record);
            target.writeInt(bytes.length);
            target.write(bytes);
        }

        @Override
        public T deserialize(DataInputView source) throws IOException {
            byte[] bytes = new byte[source.readInt()];
            source.readFully(bytes);
            return codec.decode(bytes);
        }

        @Override
        public T deserialize(T reuse, DataInputView source) throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int length = source.readInt();
            target.writeInt(length);
            target.write(source, length);
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof CodecSerializer && codec.equals(((CodecSerializer<?>) obj).codec);
        }

        @Override
        public int hashCode() {
            return codec.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<T> snapshotConfiguration() {
            return new Snapshot<>(codec);
        }
    }

    /** Stores the codec (Java-serialized), which defines the binary form. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {

        private BytesCodec<T> codec;

        /** For Flink's reflective restore. */
        public Snapshot() {}

        Snapshot(BytesCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            byte[] bytes = InstantiationUtil.serializeObject(codec);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            try {
                codec = InstantiationUtil.deserializeObject(bytes, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("Cannot restore the codec: " + e, e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new CodecSerializer<>(codec);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
                TypeSerializerSnapshot<T> oldSnapshot) {
            if (oldSnapshot instanceof Snapshot
                    && codec.equals(((Snapshot<T>) oldSnapshot).codec)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
