package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns one Kafka record into zero or more stream elements. The record is whole: key, value,
 * headers, topic, partition, offset and timestamp are all available.
 *
 * <p>Built in, each one line in the source builder:
 *
 * <ul>
 *   <li>values alone: {@link #utf8Values()}, {@link #byteValues()}, {@link
 *       #valueOnly(DeserializationSchema)} for any Flink {@link DeserializationSchema}, {@link
 *       #valueOnly(Class)} for any Kafka {@link Deserializer};
 *   <li>key, value and metadata as a {@link KafkaRecord}: {@link #records()} (raw bytes), {@link
 *       #keyValue(DeserializationSchema, DeserializationSchema)} with Flink schemas, {@link
 *       #of(Class, Class)}, {@link #of(Deserializer, TypeInformation, Deserializer,
 *       TypeInformation)} and {@link #of(Deserializer, Deserializer)} with Kafka deserializers.
 *       They travel between Flink operators as a {@link KafkaRecordTypeInfo}: key and value with
 *       their own serializers, not Kryo.
 * </ul>
 *
 * <p>Formats (JSON, Avro, Protobuf, Schema Registry) live in {@code flink-kafka-bridge-formats}. A
 * null key or value (tombstone) is never handed to a format: value-only deserializers emit no
 * element for it, {@link KafkaRecord} views carry a null. Bad bytes fail with a {@link
 * FormatException}. A custom deserializer is a small class:
 * <!-- snippet: custom-deserializer -->
 *
 * <pre>{@code
 * public final class KeyValueLines implements KafkaRecordDeserializer<String> {
 *     @Override
 *     public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
 *         byte[] key = record.key();
 *         byte[] value = record.value();
 *         if (key != null && value != null) {
 *             out.collect(new String(key, UTF_8) + "=" + new String(value, UTF_8));
 *         }
 *     }
 *
 *     @Override
 *     public TypeInformation<String> getProducedType() {
 *         return Types.STRING;
 *     }
 * }
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

    /**
     * Record values through a Kafka {@link Deserializer} class, created and configured ({@code
     * isKey=false}, no configs) once per reader; a null value (tombstone) becomes no element. The
     * produced type comes from the class's generic signature, e.g. {@code String} for {@code
     * StringDeserializer}.
     *
     * @throws IllegalArgumentException when the class has no public no-argument constructor or does
     *     not name its type argument
     */
    static <T> KafkaRecordDeserializer<T> valueOnly(
            Class<? extends Deserializer<T>> deserializerClass) {
        return valueOnly(deserializerClass, Map.of());
    }

    /**
     * Like {@link #valueOnly(Class)}, configuring each instance with {@code configs} (which must be
     * serializable).
     */
    static <T> KafkaRecordDeserializer<T> valueOnly(
            Class<? extends Deserializer<T>> deserializerClass, Map<String, ?> configs) {
        KafkaClientSerde<Deserializer<T>> serde =
                KafkaClientSerde.ofClass(deserializerClass, configs, false);
        return new DecodingDeserializer.ValueOnly<>(
                new KafkaClientSerde.Decoder<>(
                        serde, KafkaClientSerde.producedType(deserializerClass)));
    }

    /**
     * Record values through a Kafka {@link Deserializer} instance; a null value (tombstone) becomes
     * no element. A {@link Serializable} instance is shipped as it is; any other is re-created on
     * the task managers from its class's public no-argument constructor and configured with no
     * configs, so state given to it here does not travel.
     *
     * @param type what the deserializer produces, e.g. {@code Types.STRING}
     */
    static <T> KafkaRecordDeserializer<T> valueOnly(
            Deserializer<T> deserializer, TypeInformation<T> type) {
        return new DecodingDeserializer.ValueOnly<>(
                new KafkaClientSerde.Decoder<>(
                        KafkaClientSerde.ofInstance(deserializer, false), type));
    }

    /**
     * Whole records as {@link KafkaRecord}s with raw key and value bytes, headers, topic,
     * partition, offset and timestamp. They travel between operators as {@code
     * KafkaRecordTypeInfo.of(BYTE_PRIMITIVE_ARRAY_TYPE_INFO, BYTE_PRIMITIVE_ARRAY_TYPE_INFO)}.
     */
    static KafkaRecordDeserializer<KafkaRecord<byte[], byte[]>> records() {
        return new DecodingDeserializer.RecordView<>(
                ValueDecoder.identity(), ValueDecoder.identity());
    }

    /**
     * Whole records as {@link KafkaRecord}s, key and value through Flink schemas. A null key or
     * value stays null without reaching its schema. The records travel between operators as a
     * {@link KafkaRecordTypeInfo} of the schemas' produced types, so a schema whose type has its
     * own serializer (e.g. an Avro or Protobuf format's) is never handed to Kryo.
     */
    static <K, V> KafkaRecordDeserializer<KafkaRecord<K, V>> keyValue(
            DeserializationSchema<K> keySchema, DeserializationSchema<V> valueSchema) {
        return new DecodingDeserializer.RecordView<>(
                ValueDecoder.of(keySchema), ValueDecoder.of(valueSchema));
    }

    /**
     * Whole records as {@link KafkaRecord}s, key and value through Kafka {@link Deserializer}
     * classes, created and configured ({@code isKey} true for the key) once per reader. The key and
     * value types come from the classes' generic signatures, e.g. {@code String} for {@code
     * StringDeserializer}, and the records travel as a {@link KafkaRecordTypeInfo} of them.
     *
     * @throws IllegalArgumentException when a class has no public no-argument constructor or does
     *     not name its type argument
     */
    static <K, V> KafkaRecordDeserializer<KafkaRecord<K, V>> of(
            Class<? extends Deserializer<K>> keyDeserializerClass,
            Class<? extends Deserializer<V>> valueDeserializerClass) {
        return new DecodingDeserializer.RecordView<>(
                new KafkaClientSerde.Decoder<>(
                        KafkaClientSerde.ofClass(keyDeserializerClass, Map.of(), true),
                        KafkaClientSerde.producedType(keyDeserializerClass)),
                new KafkaClientSerde.Decoder<>(
                        KafkaClientSerde.ofClass(valueDeserializerClass, Map.of(), false),
                        KafkaClientSerde.producedType(valueDeserializerClass)));
    }

    /**
     * Whole records as {@link KafkaRecord}s, key and value through Kafka {@link Deserializer}
     * instances, shipped as described at {@link #valueOnly(Deserializer, TypeInformation)}. The key
     * and value types come from the instances' classes where their generic signatures name them
     * (e.g. {@code String} for a {@code StringDeserializer}); a side whose class does not (a
     * generic wrapper, a {@code Deserializer<Object>} such as a registry client's) travels through
     * Flink's generic (Kryo) serializer, which cannot copy Avro generic records or Protobuf
     * messages: for those use {@link #of(Deserializer, TypeInformation, Deserializer,
     * TypeInformation)} with the format's type, e.g. {@code AvroFormat.typeInformation()} of {@code
     * flink-kafka-bridge-formats}.
     */
    static <K, V> KafkaRecordDeserializer<KafkaRecord<K, V>> of(
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return of(
                keyDeserializer,
                KafkaClientSerde.producedTypeOrGeneric(
                        Objects.requireNonNull(keyDeserializer, "keyDeserializer").getClass()),
                valueDeserializer,
                KafkaClientSerde.producedTypeOrGeneric(
                        Objects.requireNonNull(valueDeserializer, "valueDeserializer").getClass()));
    }

    /**
     * Whole records as {@link KafkaRecord}s, key and value through Kafka {@link Deserializer}
     * instances, shipped as described at {@link #valueOnly(Deserializer, TypeInformation)}. The
     * records travel between operators as {@code KafkaRecordTypeInfo.of(keyType, valueType)}.
     *
     * @param keyType what the key deserializer produces, e.g. {@code Types.STRING}
     * @param valueType what the value deserializer produces, e.g. an Avro format's {@code
     *     typeInformation()}
     */
    static <K, V> KafkaRecordDeserializer<KafkaRecord<K, V>> of(
            Deserializer<K> keyDeserializer,
            TypeInformation<K> keyType,
            Deserializer<V> valueDeserializer,
            TypeInformation<V> valueType) {
        return new DecodingDeserializer.RecordView<>(
                new KafkaClientSerde.Decoder<>(
                        KafkaClientSerde.ofInstance(keyDeserializer, true), keyType),
                new KafkaClientSerde.Decoder<>(
                        KafkaClientSerde.ofInstance(valueDeserializer, false), valueType));
    }
}
