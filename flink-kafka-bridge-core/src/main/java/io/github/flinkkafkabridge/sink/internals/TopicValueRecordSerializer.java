package io.github.flinkkafkabridge.sink.internals;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaTopicSelector;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The record serializer the sink builder assembles from {@code setTopic}/{@code setTopicSelector},
 * {@code setValueSerializer} and {@code setKeySerializer}: topic from the selector, key and value
 * from Flink {@link SerializationSchema}s, timestamp from the element.
 *
 * @param <T> the type of the stream elements
 */
public final class TopicValueRecordSerializer<T> implements KafkaRecordSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final KafkaTopicSelector<? super T> topicSelector;
    private final SerializationSchema<? super T> valueSerializer;
    @Nullable private final SerializationSchema<? super T> keySerializer;

    public TopicValueRecordSerializer(
            KafkaTopicSelector<? super T> topicSelector,
            SerializationSchema<? super T> valueSerializer,
            @Nullable SerializationSchema<? super T> keySerializer) {
        this.topicSelector = topicSelector;
        this.valueSerializer = valueSerializer;
        this.keySerializer = keySerializer;
    }

    @Override
    public void open(InitContext context) throws Exception {
        valueSerializer.open(context.serializationSchemaContext());
        if (keySerializer != null) {
            keySerializer.open(context.serializationSchemaContext());
        }
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, Context context) {
        String topic = topicSelector.topicFor(element);
        if (topic == null) {
            throw new IllegalArgumentException(
                    "The topic selector " + topicSelector + " returned null for an element");
        }
        byte[] key = keySerializer == null ? null : keySerializer.serialize(element);
        return new ProducerRecord<>(
                topic, null, context.timestamp(), key, valueSerializer.serialize(element));
    }

    @Override
    public Set<String> topics() {
        return topicSelector instanceof FixedTopic<?> fixed ? Set.of(fixed.topic) : Set.of();
    }

    @Override
    public String toString() {
        return "TopicValueRecordSerializer{topics="
                + topicSelector
                + ", value="
                + valueSerializer
                + ", key="
                + keySerializer
                + "}";
    }

    /** A selector returning one topic. */
    public static final class FixedTopic<T> implements KafkaTopicSelector<T> {

        private static final long serialVersionUID = 1L;

        private final String topic;

        public FixedTopic(String topic) {
            this.topic = topic;
        }

        @Override
        public String topicFor(T element) {
            return topic;
        }

        @Override
        public String toString() {
            return topic;
        }
    }
}
