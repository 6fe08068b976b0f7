package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordTypeInfo;
import java.io.IOException;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Whole records with key and value in registry formats, as {@link
 * RegistryKeyValueFormat#deserializer()} makes them: a null key or value stays null, a bad one
 * fails with a {@link FormatException} starting "Bad key:" or "Bad value:". One instance per source
 * reader thread.
 */
final class RegistryKeyValueDeserializer<K, V>
        implements KafkaRecordDeserializer<KafkaRecord<K, V>> {

    private static final long serialVersionUID = 1L;

    private final RegistryReader<K> key;
    private final RegistryReader<V> value;

    RegistryKeyValueDeserializer(RegistryReader<K> key, RegistryReader<V> value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        key.open();
        value.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaRecord<K, V>> out)
            throws IOException {
        K k = read(key, record.topic(), record.key(), "key");
        V v = read(value, record.topic(), record.value(), "value");
        out.collect(KafkaRecord.read(record, k, v));
    }

    @Nullable
    private static <X> X read(
            RegistryReader<X> reader, String topic, @Nullable byte[] bytes, String what)
            throws IOException {
        if (bytes == null) {
            return null;
        }
        try {
            return reader.read(topic, bytes);
        } catch (FormatException e) {
            throw new FormatException("Bad " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TypeInformation<KafkaRecord<K, V>> getProducedType() {
        return KafkaRecordTypeInfo.of(key.producedType(), value.producedType());
    }

    @Override
    public String toString() {
        return "RegistryKeyValueFormat.deserializer(key=" + key + ", value=" + value + ")";
    }
}
