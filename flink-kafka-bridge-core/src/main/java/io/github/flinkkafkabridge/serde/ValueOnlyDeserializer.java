package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Values through a Flink {@link DeserializationSchema}; see {@link
 * KafkaRecordDeserializer#valueOnly(DeserializationSchema)}.
 */
final class ValueOnlyDeserializer<T> implements KafkaRecordDeserializer<T> {

    private static final long serialVersionUID = 1L;

    private final DeserializationSchema<T> schema;

    ValueOnlyDeserializer(DeserializationSchema<T> schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        schema.open(context);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out)
            throws IOException {
        schema.deserialize(record.value(), out);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return schema.getProducedType();
    }
}
