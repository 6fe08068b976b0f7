package io.github.flinkkafkabridge.serde;

import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The serializers behind the key+value and adapter factories of {@link KafkaRecordSerializer}:
 * elements whose key and value are derived from the element, or {@link KafkaRecord}s.
 */
final class EncodingSerializer {

    private EncodingSerializer() {}

    /** Key (optional) and value derived from each element, written to one topic. */
    static final class Elements<T> implements KafkaRecordSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        @Nullable private final ValueEncoder<? super T> key;
        private final ValueEncoder<? super T> value;

        Elements(
                String topic,
                @Nullable ValueEncoder<? super T> key,
                ValueEncoder<? super T> value) {
            this.topic = TopicNames.requireValid(topic);
            this.key = key;
            this.value = Objects.requireNonNull(value, "value serializer");
        }

        @Override
        public void open(InitContext context) throws Exception {
            if (key != null) {
                key.open(context.serializationSchemaContext());
            }
            value.open(context.serializationSchemaContext());
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, Context context) {
            RecordHeaders headers = new RecordHeaders();
            byte[] k = key == null ? null : key.encode(topic, headers, element);
            byte[] v = value.encode(topic, headers, element);
            return new ProducerRecord<>(topic, null, context.timestamp(), k, v, headers);
        }

        @Override
        public Set<String> topics() {
            return Set.of(topic);
        }

        @Override
        public String toString() {
            return "KafkaRecordSerializer{topic="
                    + topic
                    + ", key="
                    + key
                    + ", value="
                    + value
                    + "}";
        }
    }

    /** {@link KafkaRecord}s: key, value, headers and timestamp copied, written to one topic. */
    static final class Records<K, V> implements KafkaRecordSerializer<KafkaRecord<K, V>> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final ValueEncoder<K> key;
        private final ValueEncoder<V> value;

        Records(String topic, ValueEncoder<K> key, ValueEncoder<V> value) {
            this.topic = TopicNames.requireValid(topic);
            this.key = Objects.requireNonNull(key, "key serializer");
            this.value = Objects.requireNonNull(value, "value serializer");
        }

        @Override
        public void open(InitContext context) throws Exception {
            key.open(context.serializationSchemaContext());
            value.open(context.serializationSchemaContext());
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(KafkaRecord<K, V> record, Context context) {
            RecordHeaders headers = new RecordHeaders();
            for (KafkaRecord.Header header : record.headers()) {
                headers.add(header.key(), header.value());
            }
            byte[] k = record.key() == null ? null : key.encode(topic, headers, record.key());
            byte[] v = record.value() == null ? null : value.encode(topic, headers, record.value());
            Long timestamp =
                    record.timestamp() == KafkaRecord.NO_TIMESTAMP
                            ? context.timestamp()
                            : Long.valueOf(record.timestamp());
            return new ProducerRecord<>(topic, null, timestamp, k, v, headers);
        }

        @Override
        public Set<String> topics() {
            return Set.of(topic);
        }

        @Override
        public String toString() {
            return "KafkaRecordSerializer.records{topic="
                    + topic
                    + ", key="
                    + key
                    + ", value="
                    + value
                    + "}";
        }
    }
}
