package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@link KafkaRecord}s with key and value in registry formats, to one topic, as {@link
 * RegistryKeyValueFormat#serializer(String)} makes them: headers and timestamp are copied (the
 * element's timestamp when the record has none), a null key or value is written as null. One
 * instance per sink writer thread.
 */
final class RegistryKeyValueSerializer<K, V> implements KafkaRecordSerializer<KafkaRecord<K, V>> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RegistryWriter<K> key;
    private final RegistryWriter<V> value;

    RegistryKeyValueSerializer(String topic, RegistryWriter<K> key, RegistryWriter<V> value) {
        this.topic = TopicNames.requireValid(topic);
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public void open(InitContext context) {
        key.open();
        value.open();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KafkaRecord<K, V> record, Context context)
            throws IOException {
        byte[] k = write(key, true, record.key());
        byte[] v = write(value, false, record.value());
        RecordHeaders headers = new RecordHeaders();
        for (KafkaRecord.Header header : record.headers()) {
            headers.add(header.key(), header.value());
        }
        Long timestamp =
                record.timestamp() == KafkaRecord.NO_TIMESTAMP
                        ? context.timestamp()
                        : Long.valueOf(record.timestamp());
        return new ProducerRecord<>(topic, null, timestamp, k, v, headers);
    }

    @Nullable
    private <X> byte[] write(RegistryWriter<X> writer, boolean isKey, @Nullable X element)
            throws IOException {
        if (element == null) {
            return null;
        }
        try {
            return writer.write(topic, isKey, element);
        } catch (FormatException e) {
            throw new FormatException(
                    "Bad " + (isKey ? "key" : "value") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Set<String> topics() {
        return Set.of(topic);
    }

    @Override
    public String toString() {
        return "RegistryKeyValueFormat.serializer("
                + topic
                + ", key="
                + key
                + ", value="
                + value
                + ")";
    }
}
