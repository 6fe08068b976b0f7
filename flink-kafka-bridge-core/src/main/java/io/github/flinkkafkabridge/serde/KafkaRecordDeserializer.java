package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns one Kafka record into zero or more stream elements. The record is whole: key, value,
 * headers, topic, partition, offset and timestamp are all available.
 *
 * <p>Built in: {@link #utf8Values()}, {@link #byteValues()} and {@link #valueOnly(
 * DeserializationSchema)} for any Flink {@link DeserializationSchema}. A custom deserializer is a
 * small class:
 *
 * <pre>{@code
 * KafkaRecordDeserializer<String> keyed = new KafkaRecordDeserializer<>() {
 *     public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
 *         out.collect(new String(record.key(), UTF_8) + "=" + new String(record.value(), UTF_8));
 *     }
 *     public TypeInformation<String> getProducedType() { return Types.STRING; }
 * };
 * }</pre>
 *
 * <p>Instances are serialized with the job graph and used by one source reader thread each: {@link
 * #open} is called once before the first record, then {@link #deserialize} per record. An exception
 * from {@code deserialize} fails the job with a message naming the topic, partition and offset of
 * the record.
 *
 * @param <T> the element type
 */
public interface KafkaRecordDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /**
     * Called once per reader before the first record, with access to the metric group and the user
     * code class loader.
     */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /**
     * Emits the elements of one record to {@code out}: none to drop it, several to split it.
     *
     * @throws IOException or any runtime exception when the record cannot be read
     */
    void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) throws IOException;

    /** Record values as UTF-8 strings; a null value (tombstone) becomes no element. */
    static KafkaRecordDeserializer<String> utf8Values() {
        return new Utf8ValueDeserializer();
    }

    /** Record values as raw bytes, unchanged; a null value (tombstone) becomes no element. */
    static KafkaRecordDeserializer<byte[]> byteValues() {
        return new ByteValueDeserializer();
    }

    /**
     * Record values through a Flink {@link DeserializationSchema}; a null value (tombstone) is
     * passed to the schema, which may return null to drop it.
     */
    static <T> KafkaRecordDeserializer<T> valueOnly(DeserializationSchema<T> schema) {
        return new ValueOnlyDeserializer<>(schema);
    }
}
