package io.github.flinkkafkabridge.formats.internal;

import io.github.flinkkafkabridge.serde.KafkaRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.kafka.common.record.TimestampType;

/**
 * Flink type information for {@link KafkaRecord}s whose key and value travel with their own
 * serializers (e.g. a format's {@link CodecTypeInfo}) rather than through Kryo, which cannot copy
 * Avro generic records or Protobuf messages. Headers, topic, partition, offset and timestamp travel
 * too. Immutable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaRecordTypeInfo<K, V> extends TypeInformation<KafkaRecord<K, V>> {

    private static final long serialVersionUID = 1L;

    private final TypeInformation<K> keyType;
    private final TypeInformation<V> valueType;

    public KafkaRecordTypeInfo(TypeInformation<K> keyType, TypeInformation<V> valueType) {
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    public TypeInformation<K> keyType() {
        return keyType;
    }

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
        return obj instanceof KafkaRecordTypeInfo
                && keyType.equals(((KafkaRecordTypeInfo<?, ?>) obj).keyType)
                && valueType.equals(((KafkaRecordTypeInfo<?, ?>) obj).valueType);
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
     * Writes a record as: a byte of flags (key, value and topic present), the key and value with
     * their serializers, the headers (count, then key and length-prefixed value, -1 for null), the
     * topic, partition, offset, timestamp and timestamp type id. Stateful only as far as the key
     * and value serializers are.
     */
    public static final class RecordSerializer<K, V> extends TypeSerializer<KafkaRecord<K, V>> {

        private static final long serialVersionUID = 1L;

        private static final int HAS_KEY = 1;
        private static final int HAS_VALUE = 2;
        private static final int HAS_TOPIC = 4;

        private final TypeSerializer<K> key;
        private final TypeSerializer<V> value;

        RecordSerializer(TypeSerializer<K> key, TypeSerializer<V> value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public TypeSerializer<KafkaRecord<K, V>> duplicate() {
            TypeSerializer<K> k = key.duplicate();
            TypeSerializer<V> v = value.duplicate();
            return k == key && v == value ? this : new RecordSerializer<>(k, v);
        }

        @Override
        public KafkaRecord<K, V> createInstance() {
            return KafkaRecord.of(null, null);
        }

        @Override
        public KafkaRecord<K, V> copy(KafkaRecord<K, V> from) {
            return new KafkaRecord<>(
                    from.key() == null ? null : key.copy(from.key()),
                    from.value() == null ? null : value.copy(from.value()),
                    from.headers(),
                    from.topic(),
                    from.partition(),
                    from.offset(),
                    from.timestamp(),
                    from.timestampType());
        }

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
            int flags =
                    (record.key() == null ? 0 : HAS_KEY)
                            | (record.value() == null ? 0 : HAS_VALUE)
                            | (record.topic() == null ? 0 : HAS_TOPIC);
            target.writeByte(flags);
            if (record.key() != null) {
                key.serialize(record.key(), target);
            }
            if (record.value() != null) {
                value.serialize(record.value(), target);
            }
            List<KafkaRecord.Header> headers = record.headers();
            target.writeInt(headers.size());
            for (KafkaRecord.Header header : headers) {
                StringSerializer.INSTANCE.serialize(header.key(), target);
                byte[] bytes = header.value();
                target.writeInt(bytes == null ? -1 : bytes.length);
                if (bytes != null) {
                    target.write(bytes);
                }
            }
            if (record.topic() != null) {
                StringSerializer.INSTANCE.serialize(record.topic(), target);
            }
            target.writeInt(record.partition());
            target.writeLong(record.offset());
            target.writeLong(record.timestamp());
            target.writeByte(record.timestampType().id);
        }

        @Override
        public KafkaRecord<K, V> deserialize(DataInputView source) throws IOException {
            int flags = source.readByte();
            K k = (flags & HAS_KEY) == 0 ? null : key.deserialize(source);
            V v = (flags & HAS_VALUE) == 0 ? null : value.deserialize(source);
            int count = source.readInt();
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
                    k, v, headers, topic, partition, offset, timestamp, timestampType);
        }

        private static TimestampType timestampType(int id) throws IOException {
            for (TimestampType type : TimestampType.values()) {
                if (type.id == id) {
                    return type;
                }
            }
            throw new IOException("Unknown timestamp type id " + id);
        }

        @Override
        public KafkaRecord<K, V> deserialize(KafkaRecord<K, V> reuse, DataInputView source)
                throws IOException {
            return deserialize(source);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }

        @Override
        public boolean equals(@Nullable Object obj) {
            return obj instanceof RecordSerializer
                    && key.equals(((RecordSerializer<?, ?>) obj).key)
                    && value.equals(((RecordSerializer<?, ?>) obj).value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + value.hashCode();
        }

        @Override
        public TypeSerializerSnapshot<KafkaRecord<K, V>> snapshotConfiguration() {
            return new Snapshot<>(this);
        }
    }

    /** The serializer's snapshot: the key's and value's snapshots decide compatibility. */
    public static final class Snapshot<K, V>
            extends CompositeTypeSerializerSnapshot<KafkaRecord<K, V>, RecordSerializer<K, V>> {

        /** For Flink's reflective restore. */
        public Snapshot() {}

        Snapshot(RecordSerializer<K, V> serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return 1;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(RecordSerializer<K, V> outer) {
            return new TypeSerializer<?>[] {outer.key, outer.value};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected RecordSerializer<K, V> createOuterSerializerWithNestedSerializers(
                TypeSerializer<?>[] nested) {
            return new RecordSerializer<>(
                    (TypeSerializer<K>) nested[0], (TypeSerializer<V>) nested[1]);
        }
    }
}
