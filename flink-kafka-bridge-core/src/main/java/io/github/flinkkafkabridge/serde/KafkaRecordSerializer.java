package io.github.flinkkafkabridge.serde;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a stream element into the Kafka record the sink writes: topic, key, value, headers and,
 * optionally, partition and timestamp.
 *
 * <p>Implementations must be {@link Serializable} (Flink ships them to the task managers) and are
 * used by one writer thread per parallel instance; {@link #open(InitContext)} is called once on
 * that thread before the first {@link #serialize(Object, Context)}.
 *
 * <p>Built in: {@link #utf8String(String)} and {@link #rawBytes(String)}. For a topic chosen per
 * element, or a key, the sink builder offers {@code setTopicSelector}, {@code setValueSerializer}
 * and {@code setKeySerializer} as a shortcut for writing a serializer by hand.
 *
 * <pre>{@code
 * KafkaRecordSerializer<Order> serializer =
 *         (order, ctx) -> new ProducerRecord<>(
 *                 "orders", null, ctx.timestamp(), order.idBytes(), order.toJsonBytes());
 * }</pre>
 *
 * @param <T> the type of the stream elements
 */
@FunctionalInterface
public interface KafkaRecordSerializer<T> extends Serializable {

    /**
     * Called once per parallel instance before the first element.
     *
     * @param context the subtask's metric group and position
     * @throws Exception fails the writer's start
     */
    default void open(InitContext context) throws Exception {}

    /**
     * Serializes one element.
     *
     * @param element the element, never null
     * @param context the element's timestamp and the writer's position
     * @return the record to write (its key and value may be null; a null partition lets the sink's
     *     partitioner or Kafka's default partitioner choose), or null to skip the element
     * @throws Exception fails the job, with a message naming the element's target
     */
    @Nullable
    ProducerRecord<byte[], byte[]> serialize(T element, Context context) throws Exception;

    /**
     * A serializer writing each string as the UTF-8 value of a record to {@code topic}, with no
     * key, and the element's timestamp when it has one.
     *
     * @param topic the target topic, not blank
     * @return a serializable serializer
     */
    static KafkaRecordSerializer<String> utf8String(String topic) {
        return new Utf8StringRecordSerializer(topic);
    }

    /**
     * A serializer writing each byte array unchanged as the value of a record to {@code topic},
     * with no key, and the element's timestamp when it has one.
     *
     * @param topic the target topic, not blank
     * @return a serializable serializer
     */
    static KafkaRecordSerializer<byte[]> rawBytes(String topic) {
        return new RawBytesRecordSerializer(topic);
    }

    /** What a serializer may know about the writer that uses it, at open time. */
    interface InitContext {

        /** The index of the parallel writer instance, from 0. */
        int subtaskIndex();

        /** The number of parallel writer instances. */
        int parallelism();

        /** The writer's metric group, for the serializer's own metrics. */
        MetricGroup metricGroup();

        /** A context to open Flink {@link SerializationSchema}s the serializer delegates to. */
        SerializationSchema.InitializationContext serializationSchemaContext();
    }

    /** Per-element information. */
    interface Context {

        /** The element's timestamp in Flink (epoch milliseconds), or null when it has none. */
        @Nullable
        Long timestamp();
    }
}
