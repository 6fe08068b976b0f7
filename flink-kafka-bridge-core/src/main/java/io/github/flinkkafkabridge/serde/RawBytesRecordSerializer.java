package io.github.flinkkafkabridge.serde;

import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Built-in serializer behind {@link KafkaRecordSerializer#rawBytes(String)}. */
final class RawBytesRecordSerializer implements KafkaRecordSerializer<byte[]> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    RawBytesRecordSerializer(String topic) {
        this.topic = TopicNames.requireValid(topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(byte[] element, Context context) {
        return new ProducerRecord<>(topic, null, context.timestamp(), null, element);
    }

    @Override
    public Set<String> topics() {
        return Set.of(topic);
    }

    @Override
    public String toString() {
        return "KafkaRecordSerializer.rawBytes(" + topic + ")";
    }
}
