package io.github.flinkkafkabridge.serde;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns a stream element into the Kafka record the sink writes: topic, key, value, headers and,
 * optionally, partition and timestamp.
 *
 * <p>Implementations must be {@link Serializable} (Flink ships them to the task managers) and are
 * used by one writer thread per parallel instance; {@link #open(InitContext)} is called once on
 * that thread before the first {@link #serialize(Object, Context)}.
 *
 * <p>Built in: {@link #utf8String(String)} and {@link #rawBytes(String)}; {@link #valueOnly(String,
 * SerializationSchema)} and {@link #keyValue(String, SerializationSchema, SerializationSchema)} for
 * Flink {@link SerializationSchema}s; {@link #valueOnly(String, Class)} and {@link
 * #valueOnly(String, Serializer)} for Kafka {@link Serializer}s; {@link #records(String)}, {@link
 * #records(String, SerializationSchema, SerializationSchema)} and {@link #of(String, Serializer,
 * Serializer)} to write {@link KafkaRecord}s with their headers and timestamps. Formats (JSON,
 * Avro, Protobuf, Schema Registry) live in {@code flink-kafka-bridge-formats}. For a topic chosen
 * per element, or a key, the sink builder offers {@code setTopicSelector}, {@code
 * setValueSerializer} and {@code setKeySerializer} as a shortcut for writing a serializer by hand.
 * <!-- snippet: kafka-record-serializer -->
 *
 * <pre>{@code
 * KafkaRecordSerializer<Order> serializer =
 *         (order, context) ->
 *                 new ProducerRecord<>(
 *                         "orders",
 *                         null,
 *                         context.timestamp(),
 *                         order.id().getBytes(UTF_8),
 *                         order.toCsv().getBytes(UTF_8));
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
     * The topics this serializer writes to, when they are fixed in advance; empty (the default)
     * when it chooses topics per element. A sink whose topics are all known sizes its producer
     * batches within their {@code max.message.bytes}, which makes larger batches safe.
     */
    default Set<String> topics() {
        return Set.of();
    }

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

    /**
     * Each element as the value of a record to {@code topic} through a Flink {@link
     * SerializationSchema}, with no key and the element's timestamp when it has one.
     */
    static <T> KafkaRecordSerializer<T> valueOnly(
            String topic, SerializationSchema<? super T> valueSchema) {
        return new EncodingSerializer.Elements<T>(topic, null, ValueEncoder.of(valueSchema));
    }

    /**
     * Each element as a record to {@code topic}, its key and value through Flink {@link
     * SerializationSchema}s of the element, with the element's timestamp when it has one.
     */
    static <T> KafkaRecordSerializer<T> keyValue(
            String topic,
            SerializationSchema<? super T> keySchema,
            SerializationSchema<? super T> valueSchema) {
        return new EncodingSerializer.Elements<T>(
                topic, ValueEncoder.of(keySchema), ValueEncoder.of(valueSchema));
    }

    /**
     * Each element as the value of a record to {@code topic} through a Kafka {@link Serializer}
     * class, created and configured ({@code isKey=false}, no configs) once per writer.
     */
    static <T> KafkaRecordSerializer<T> valueOnly(
            String topic, Class<? extends Serializer<T>> serializerClass) {
        return valueOnly(topic, serializerClass, Map.of());
    }

    /** Like {@link #valueOnly(String, Class)}, configuring each instance with {@code configs}. */
    static <T> KafkaRecordSerializer<T> valueOnly(
            String topic, Class<? extends Serializer<T>> serializerClass, Map<String, ?> configs) {
        return new EncodingSerializer.Elements<T>(
                topic,
                null,
                new KafkaClientSerde.Encoder<>(
                        KafkaClientSerde.ofClass(serializerClass, configs, false)));
    }

    /**
     * Each element as the value of a record to {@code topic} through a Kafka {@link Serializer}
     * instance. A {@link Serializable} instance is shipped as it is; any other is re-created on the
     * task managers from its class's public no-argument constructor and configured with no configs.
     */
    static <T> KafkaRecordSerializer<T> valueOnly(String topic, Serializer<T> serializer) {
        return new EncodingSerializer.Elements<T>(
                topic,
                null,
                new KafkaClientSerde.Encoder<>(KafkaClientSerde.ofInstance(serializer, false)));
    }

    /**
     * {@link KafkaRecord}s with raw key and value bytes to {@code topic}, headers and timestamp
     * copied (the element's timestamp when the record has none). The record's own topic and
     * partition, where it was read from, are not used: the sink's partitioner chooses.
     */
    static KafkaRecordSerializer<KafkaRecord<byte[], byte[]>> records(String topic) {
        return new EncodingSerializer.Records<>(
                topic, ValueEncoder.identity(), ValueEncoder.identity());
    }

    /** Like {@link #records(String)}, key and value through Flink {@link SerializationSchema}s. */
    static <K, V> KafkaRecordSerializer<KafkaRecord<K, V>> records(
            String topic, SerializationSchema<K> keySchema, SerializationSchema<V> valueSchema) {
        return new EncodingSerializer.Records<>(
                topic, ValueEncoder.of(keySchema), ValueEncoder.of(valueSchema));
    }

    /**
     * Like {@link #records(String)}, key and value through Kafka {@link Serializer} instances,
     * shipped as described at {@link #valueOnly(String, Serializer)}.
     */
    static <K, V> KafkaRecordSerializer<KafkaRecord<K, V>> of(
            String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return new EncodingSerializer.Records<>(
                topic,
                new KafkaClientSerde.Encoder<>(KafkaClientSerde.ofInstance(keySerializer, true)),
                new KafkaClientSerde.Encoder<>(
                        KafkaClientSerde.ofInstance(valueSerializer, false)));
    }

    /**
     * Like {@link #records(String)}, key and value through Kafka {@link Serializer} classes,
     * created and configured ({@code isKey} true for the key) once per writer.
     */
    static <K, V> KafkaRecordSerializer<KafkaRecord<K, V>> of(
            String topic,
            Class<? extends Serializer<K>> keySerializerClass,
            Class<? extends Serializer<V>> valueSerializerClass) {
        return new EncodingSerializer.Records<>(
                topic,
                new KafkaClientSerde.Encoder<>(
                        KafkaClientSerde.ofClass(keySerializerClass, Map.of(), true)),
                new KafkaClientSerde.Encoder<>(
                        KafkaClientSerde.ofClass(valueSerializerClass, Map.of(), false)));
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
