package io.github.flinkkafkabridge.serde;

import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Built-in serializer behind {@link KafkaRecordSerializer#utf8String(String)}. */
final class Utf8StringRecordSerializer implements KafkaRecordSerializer<String> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    Utf8StringRecordSerializer(String topic) {
        this.topic = TopicNames.requireValid(topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(String element, Context context) {
        return new ProducerRecord<>(
                topic, null, context.timestamp(), null, element.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Set<String> topics() {
        return Set.of(topic);
    }

    @Override
    public String toString() {
        return "KafkaRecordSerializer.utf8String(" + topic + ")";
    }
}
