package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Record values of a registry format, as {@link RegistryFormat#deserializer()} makes them; the key
 * is not read and a tombstone becomes no element. One instance per source reader thread.
 */
final class RegistryDeserializer<T> implements KafkaRecordDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final RegistryReader<T> value;

    RegistryDeserializer(RegistryReader<T> value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        value.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
            throws IOException {
        byte[] bytes = record.value();
        if (bytes != null) {
            T element = value.read(record.topic(), bytes);
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
        return value + ".deserializer()";
    }
}
