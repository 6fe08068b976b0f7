package io.github.flinkkafkabridge.examples.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A custom deserializer, the example of {@link KafkaRecordDeserializer}: each record becomes the
 * text {@code key=value} (both UTF-8); a record without key or value becomes no element.
 */
// [START custom-deserializer]
public final class KeyValueLines implements KafkaRecordDeserializer<String> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
        byte[] key = record.key();
        byte[] value = record.value();
        if (key != null && value != null) {
            out.collect(new String(key, UTF_8) + "=" + new String(value, UTF_8));
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
// [END custom-deserializer]
