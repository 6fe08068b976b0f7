package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Elements as record values of a registry format, without key, as {@link
 * RegistryFormat#serializer(String)} makes them. One instance per sink writer thread.
 */
final class RegistrySerializer<T> implements KafkaRecordSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RegistryWriter<T> value;

    RegistrySerializer(String topic, RegistryWriter<T> value) {
        this.topic = TopicNames.requireValid(topic);
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public void open(InitContext context) {
        value.open();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, Context context) throws IOException {
        return new ProducerRecord<>(
                topic, null, context.timestamp(), null, value.write(topic, false, element));
    }

    @Override
    public Set<String> topics() {
        return Set.of(topic);
    }

    @Override
    public String toString() {
        return value + ".serializer(" + topic + ")";
    }
}
