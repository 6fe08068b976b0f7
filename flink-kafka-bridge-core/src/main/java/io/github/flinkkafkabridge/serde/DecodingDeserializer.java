package io.github.flinkkafkabridge.serde;

import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The deserializers behind the key+value and adapter factories of {@link KafkaRecordDeserializer}:
 * either the value alone, or a {@link KafkaRecord} view with key, value and metadata.
 */
final class DecodingDeserializer {

    private DecodingDeserializer() {}

    /** The value through a decoder; a null value (tombstone) becomes no element. */
    static final class ValueOnly<T> implements KafkaRecordDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final ValueDecoder<T> value;

        ValueOnly(ValueDecoder<T> value) {
            this.value = Objects.requireNonNull(value, "value decoder");
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            value.open(context);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
                throws FormatException {
            byte[] bytes = record.value();
            if (bytes != null) {
                T element = value.decode(record.topic(), record.headers(), bytes);
                if (element != null) {
                    out.collect(element);
                }
            }
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return value.producedType();
        }

        @Override
        public String toString() {
            return "KafkaRecordDeserializer.valueOnly(" + value + ")";
        }
    }

    /** Key, value and metadata as a {@link KafkaRecord}; null key or value bytes stay null. */
    static final class RecordView<K, V> implements KafkaRecordDeserializer<KafkaRecord<K, V>> {
        private static final long serialVersionUID = 1L;
        private final ValueDecoder<K> key;
        private final ValueDecoder<V> value;

        RecordView(ValueDecoder<K> key, ValueDecoder<V> value) {
            this.key = Objects.requireNonNull(key, "key decoder");
            this.value = Objects.requireNonNull(value, "value decoder");
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            key.open(context);
            value.open(context);
        }

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord<K, V>> out)
                throws FormatException {
            K k = decode(key, record, record.key(), "key");
            V v = decode(value, record, record.value(), "value");
            out.collect(KafkaRecord.read(record, k, v));
        }

        @Nullable
        private static <X> X decode(
                ValueDecoder<X> decoder,
                ConsumerRecord<byte[], byte[]> record,
                @Nullable byte[] bytes,
                String what)
                throws FormatException {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(record.topic(), record.headers(), bytes);
            } catch (FormatException e) {
                throw new FormatException("Bad " + what + ": " + e.getMessage(), e);
            }
        }

        /** The key and value travel with the serializers of their decoders' types. */
        @Override
        public TypeInformation<KafkaRecord<K, V>> getProducedType() {
            return KafkaRecordTypeInfo.of(key.producedType(), value.producedType());
        }

        @Override
        public String toString() {
            return "KafkaRecordDeserializer.keyValue(" + key + ", " + value + ")";
        }
    }
}
