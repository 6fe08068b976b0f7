package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.kafka.common.record.TimestampType;

/**
 * Flink type information for {@link KafkaRecord}s: the key and the value travel between operators
 * (and into state) with their own serializers, the headers, topic, partition, offset, timestamp and
 * timestamp type with fixed ones. Without it a record would fall back to Flink's generic (Kryo)
 * serializer, which cannot copy Avro generic records or Protobuf messages with map fields, so a job
 * would fail as soon as a record is copied between chained operators or sent to another task.
 *
 * <p>The deserializers of {@link KafkaRecordDeserializer} that produce {@link KafkaRecord}s report
 * this type whenever they know the key and value types. Where Flink must be told, e.g. after a
 * {@code map} lambda that builds records for the sink, give it with {@code
 * .returns(KafkaRecordTypeInfo.of(Types.STRING, orderFormat.typeInformation()))}.
 *
 * <p>Flink's type extraction also finds this type for a {@code KafkaRecord<K, V>} whose type
 * arguments it can see (a {@link org.apache.flink.api.common.typeinfo.TypeHint}, a POJO field, a
 * function's generic signature); a type argument it cannot see travels through Kryo.
 *
 * <p>Null keys, values, topics and header values are kept. The serializer's snapshot is a {@link
 * CompositeTypeSerializerSnapshot} of the key's and value's serializers, so state restored after a
 * change of the key or value serializer is as compatible as they say (as is, after migration, with
 * a reconfigured serializer, or not at all). Immutable and serializable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaRecordTypeInfo<K, V> extends TypeInformation<KafkaRecord<K, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<K> keyType;
    private final TypeInformation<V> valueType;

    private KafkaRecordTypeInfo(TypeInformation<K> keyType, TypeInformation<V> valueType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /**
     * Records whose keys are of {@code keyType} and values of {@code valueType}, e.g. {@code
     * KafkaRecordTypeInfo.of(Types.STRING, avroFormat.typeInformation())}.
     */
    public static <K, V> KafkaRecordTypeInfo<K, V> of(
            TypeInformation<K> keyType, TypeInformation<V> valueType) {
        return new KafkaRecordTypeInfo<>(keyType, valueType);
    }

    /** The type of the keys. */
    public TypeInformation<K> keyType() {
        return keyType;
    }

    /** The type of the values. */
    public TypeInformation<V> valueType() {
        return valueType;
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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<KafkaRecord<K, V>> getTypeClass() {
        return (Class) KafkaRecord.class;
    }

    /** {@code K} and {@code V}, so that Flink can infer the types of functions over records. */
    @Override
    public Map<String, TypeInformation<?>> getGenericParameters() {
        return Map.of("K", keyType, "V", valueType);
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<KafkaRecord<K, V>> createSerializer(SerializerConfig config) {
        return new RecordSerializer<>(
                keyType.createSerializer(config), valueType.createSerializer(config));
    }

    @Override
    public String toString() {
        return "KafkaRecord<" + keyType + ", " + valueType + ">";
    }

    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof KafkaRecordTypeInfo)) {
            return false;
        }
        KafkaRecordTypeInfo<?, ?> other = (KafkaRecordTypeInfo<?, ?>) obj;
        return other.canEqual(this)
                && keyType.equals(other.keyType)
                && valueType.equals(other.valueType);
    }

    @Override
    public int hashCode() {
        return 31 * keyType.hashCode() + valueType.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof KafkaRecordTypeInfo;
    }

    /**
     * The serializer of {@link KafkaRecordTypeInfo}. A record is written as: one byte of flags
     * (key, value and topic present), the key and the value with their serializers, the header
     * count and each header's key and length-prefixed value (length -1 for null), the topic, the
     * partition, offset and timestamp, and the timestamp type's id. Stateful only as far as the key
     * and value serializers are; {@link #duplicate()} duplicates them.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class RecordSerializer<K, V> extends TypeSerializer<KafkaRecord<K, V>> {

        private static final long serialVersionUID = 1L;

        private static final int HAS_KEY = 1;
        private static final int HAS_VALUE = 2;
        private static final int HAS_TOPIC = 4;
        private static final int KNOWN_FLAGS = HAS_KEY | HAS_VALUE | HAS_TOPIC;
        // partition (int), offset (long), timestamp (long), timestamp type (byte)
        private static final int FIXED_TAIL_BYTES = 4 + 8 + 8 + 1;

        private final TypeSerializer<K> keySerializer;
        private final TypeSerializer<V> valueSerializer;

        RecordSerializer(TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
            this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
            this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        }

        /** The serializer of the keys. */
        public TypeSerializer<K> keySerializer() {
            return keySerializer;
        }

        /** The serializer of the values. */
        public TypeSerializer<V> valueSerializer() {
            return valueSerializer;
        }

        /** False: header values are byte arrays, which a copy must not share. */
        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<KafkaRecord<K, V>> duplicate() {
            TypeSerializer<K> key = keySerializer.duplicate();
            TypeSerializer<V> value = valueSerializer.duplicate();
            return key == keySerializer && value == valueSerializer
                    ? this
                    : new RecordSerializer<>(key, value);
        }

        @Override
        public KafkaRecord<K, V> createInstance() {
            return KafkaRecord.of(null, null);
        }

        @Override
        public KafkaRecord<K, V> copy(KafkaRecord<K, V> from) {
            List<KafkaRecord.Header> headers = new ArrayList<>(from.headers().size());
            for (KafkaRecord.Header header : from.headers()) {
                byte[] value = header.value();
                headers.add(
                        new KafkaRecord.Header(
                                header.key(),
                                value == null ? null : Arrays.copyOf(value, value.length)));
            }
            return new KafkaRecord<>(
                    from.key() == null ? null : keySerializer.copy(from.key()),
                    from.value() == null ? null : valueSerializer.copy(from.value()),
                    headers,
                    from.topic(),
                    from.partition(),
                    from.offset(),
                    from.timestamp(),
                    from.timestampType());
        }

        /** The same as {@link #copy(KafkaRecord)}: records are immutable, {@code reuse} is not. */
        @Override
        public KafkaRecord<K, V> copy(KafkaRecord<K, V> from, KafkaRecord<K, V> reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(KafkaRecord<K, V> record, DataOutputView target) throws IOException {
            K key = record.key();
            V value = record.value();
            String topic = record.topic();
            target.writeByte(
                    (key == null ? 0 : HAS_KEY)
                            | (value == null ? 0 : HAS_VALUE)
                            | (topic == null ? 0 : HAS_TOPIC));
            if (key != null) {
                keySerializer.serialize(key, target);
            }
            if (value != null) {
                valueSerializer.serialize(value, target);
            }
            List<KafkaRecord.Header> headers = record.headers();
            target.writeInt(headers.size());
            for (KafkaRecord.Header header : headers) {
                StringSerializer.INSTANCE.serialize(header.key(), target);
                byte[] bytes = header.value();
                if (bytes == null) {
                    target.writeInt(-1);
                } else {
                    target.writeInt(bytes.length);
                    target.write(bytes);
                }
            }
            if (topic != null) {
                StringSerializer.INSTANCE.serialize(topic, target);
            }
            target.writeInt(record.partition());
            target.writeLong(record.offset());
            target.writeLong(record.timestamp());
            target.writeByte(record.timestampType().id);
        }

        @Override
        public KafkaRecord<K, V> deserialize(DataInputView source) throws IOException {
            int flags = readFlags(source);
            K key = (flags & HAS_KEY) == 0 ? null : keySerializer.deserialize(source);
            V value = (flags & HAS_VALUE) == 0 ? null : valueSerializer.deserialize(source);
            int count = readHeaderCount(source);
            List<KafkaRecord.Header> headers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String headerKey = StringSerializer.INSTANCE.deserialize(source);
                int length = source.readInt();
                byte[] bytes = null;
                if (length >= 0) {
                    bytes = new byte[length];
                    source.readFully(bytes);
                }
                headers.add(new KafkaRecord.Header(headerKey, bytes));
            }
            String topic =
                    (flags & HAS_TOPIC) == 0 ? null : StringSerializer.INSTANCE.deserialize(source);
            int partition = source.readInt();
            long offset = source.readLong();
            long timestamp = source.readLong();
            TimestampType timestampType = timestampType(source.readByte());
            return new KafkaRecord<>(
                    key, value, headers, topic, partition, offset, timestamp, timestampType);
        }

        /** The same as {@link #deserialize(DataInputView)}: records are immutable. */
        @Override
        public KafkaRecord<K, V> deserialize(KafkaRecord<K, V> reuse, DataInputView source)
                throws IOException {
            return deserialize(source);
        }

        /** Copies the bytes, handing only the key and value to their serializers' binary copy. */
        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int flags = readFlags(source);
            target.writeByte(flags);
            if ((flags & HAS_KEY) != 0) {
                keySerializer.copy(source, target);
            }
            if ((flags & HAS_VALUE) != 0) {
                valueSerializer.copy(source, target);
            }
            int count = readHeaderCount(source);
            target.writeInt(count);
            for (int i = 0; i < count; i++) {
                StringSerializer.INSTANCE.copy(source, target);
                int length = source.readInt();
                target.writeInt(length);
                if (length > 0) {
                    target.write(source, length);
                }
            }
            if ((flags & HAS_TOPIC) != 0) {
                StringSerializer.INSTANCE.copy(source, target);
            }
            target.write(source, FIXED_TAIL_BYTES);
        }

        private static int readFlags(DataInputView source) throws IOException {
            int flags = source.readUnsignedByte();
            if ((flags & ~KNOWN_FLAGS) != 0) {
                throw new IOException(
                        "Corrupt serialized KafkaRecord: unknown flags 0x"
                                + Integer.toHexString(flags));
            }
            return flags;
        }

        private static int readHeaderCount(DataInputView source) throws IOException {
            int count = source.readInt();
            if (count < 0) {
                throw new IOException("Corrupt serialized KafkaRecord: header count " + count);
            }
            return count;
        }

        private static TimestampType timestampType(int id) throws IOException {
            for (TimestampType type : TimestampType.values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new IOException("Corrupt serialized KafkaRecord: timestamp type id " + id);
        }

        @Override
        public boolean equals(@Nullable Object obj) {
            if (!(obj instanceof RecordSerializer)) {
                return false;
            }
            RecordSerializer<?, ?> other = (RecordSerializer<?, ?>) obj;
            return keySerializer.equals(other.keySerializer)
                    && valueSerializer.equals(other.valueSerializer);
        }

        @Override
        public int hashCode() {
            return 31 * keySerializer.hashCode() + valueSerializer.hashCode();
        }

        @Override
        public String toString() {
            return "KafkaRecordTypeInfo.RecordSerializer{key="
                    + keySerializer
                    + ", value="
                    + valueSerializer
                    + "}";
        }

        @Override
        public TypeSerializerSnapshot<KafkaRecord<K, V>> snapshotConfiguration() {
            return new RecordSerializerSnapshot<>(this);
        }
    }

    /**
     * The snapshot of a {@link RecordSerializer}, written into checkpoints and savepoints: the
     * key's and value's serializer snapshots, which decide compatibility on restore. Its outer part
     * (the layout of the headers and metadata) is at version {@value #VERSION}. Flink creates it by
     * reflection when it reads a snapshot.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class RecordSerializerSnapshot<K, V>
            extends CompositeTypeSerializerSnapshot<KafkaRecord<K, V>, RecordSerializer<K, V>> {

        /** The version of the record layout around the key and value. */
        public static final int VERSION = 1;

        /** For Flink's reflective restore; {@code readSnapshot} fills it in. */
        public RecordSerializerSnapshot() {}

        RecordSerializerSnapshot(RecordSerializer<K, V> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected void readOuterSnapshot(
                int readOuterSnapshotVersion, DataInputView in, ClassLoader userCodeClassLoader)
                throws IOException {
            if (readOuterSnapshotVersion > VERSION) {
                throw new IOException(
                        "The KafkaRecord serializer snapshot has version "
                                + readOuterSnapshotVersion
                                + ", newer than this library's "
                                + VERSION
                                + ": restore with the flink-kafka-bridge version that wrote it"
                                + " or a later one");
            }
        }

        @Override
        protected OuterSchemaCompatibility resolveOuterSchemaCompatibility(
                TypeSerializerSnapshot<KafkaRecord<K, V>> oldSerializerSnapshot) {
            // The one layout so far; another snapshot class with two nested serializers (a
            // tuple's, say) describes other bytes.
            return oldSerializerSnapshot instanceof RecordSerializerSnapshot
                    ? OuterSchemaCompatibility.COMPATIBLE_AS_IS
                    : OuterSchemaCompatibility.INCOMPATIBLE;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(RecordSerializer<K, V> outer) {
            return new TypeSerializer<?>[] {outer.keySerializer, outer.valueSerializer};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected RecordSerializer<K, V> createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new RecordSerializer<>(
                    (TypeSerializer<K>) nested[0], (TypeSerializer<V>) nested[1]);
        }
    }

    /**
     * Lets Flink's type extraction create a {@link KafkaRecordTypeInfo} wherever it meets a {@link
     * KafkaRecord} (named by {@code @TypeInfo} on the class); a key or value type it cannot see
     * travels through Kryo. Flink creates it by reflection.
     */
    public static final class Factory extends TypeInfoFactory<KafkaRecord<?, ?>> {

        /** For Flink's reflective creation. */
        public Factory() {}

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public TypeInformation<KafkaRecord<?, ?>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return (TypeInformation)
                    of(
                            orGeneric(genericParameters.get("K")),
                            orGeneric(genericParameters.get("V")));
        }

        private static TypeInformation<?> orGeneric(@Nullable TypeInformation<?> type) {
            return type == null ? new GenericTypeInfo<>(Object.class) : type;
        }
    }
}
