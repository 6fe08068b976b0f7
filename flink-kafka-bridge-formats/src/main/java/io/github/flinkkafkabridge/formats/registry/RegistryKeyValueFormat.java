package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.serde.KafkaRecordTypeInfo;
import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Whole Kafka records whose key and value are both in Schema Registry formats, for example an Avro
 * key with a Protobuf value, as {@link KafkaRecord}s (key, value, headers, topic, partition,
 * offset, timestamp). Each side is read and written by its own {@link RegistryFormat} and follows
 * that format's {@link SchemaRegistryConfig}, so keys and values may use different registries or
 * subject-name strategies.
 * <!-- snippet: registry-key-value-format -->
 *
 * <pre>{@code
 * RegistryKeyValueFormat<GenericRecord, Order> orders =
 *         RegistryKeyValueFormat.of(
 *                 RegistryAvroFormat.generic(orderKeySchema, registry),
 *                 RegistryProtobufFormat.of(Order.class, registry));
 * KafkaBridgeSource<KafkaRecord<GenericRecord, Order>> source =
 *         KafkaBridgeSource.<KafkaRecord<GenericRecord, Order>>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setTopics("orders")
 *                 .setDeserializer(orders.deserializer())
 *                 .build();
 * KafkaBridgeSink<KafkaRecord<GenericRecord, Order>> sink =
 *         KafkaBridgeSink.<KafkaRecord<GenericRecord, Order>>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setRecordSerializer(orders.serializer("orders-copy"))
 *                 .build();
 * }</pre>
 *
 * <p>Writing looks up or registers the key's schema under the key subject ({@code <topic>-key} with
 * {@link SubjectNameStrategy#TOPIC}) and the value's under the value subject; headers and the
 * record's timestamp (the element's when the record has none) are copied; a null key or value is
 * written as null, and the sink's partitioner chooses the partition. Reading keeps a null key or
 * value (tombstone) as null. A bad key or value fails with a {@link
 * io.github.flinkkafkabridge.serde.FormatException} whose message starts with "Bad key:" or "Bad
 * value:", which the source's bad-record policy handles; a registry that cannot be reached fails
 * with a {@link SchemaRegistryException}, which no policy skips. The records travel between Flink
 * operators with the key's and value's own serializers ({@link #typeInformation()}), not through
 * Kryo, which cannot copy Avro generic records or Protobuf messages. Immutable, serializable and
 * thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RegistryKeyValueFormat<K, V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RegistryFormat<K> key;
    private final RegistryFormat<V> value;

    private RegistryKeyValueFormat(RegistryFormat<K> key, RegistryFormat<V> value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Records with keys in the {@code key} format and values in the {@code value} format. */
    public static <K, V> RegistryKeyValueFormat<K, V> of(
            RegistryFormat<K> key, RegistryFormat<V> value) {
        return new RegistryKeyValueFormat<>(key, value);
    }

    /** The format of the keys. */
    public RegistryFormat<K> keyFormat() {
        return key;
    }

    /** The format of the values. */
    public RegistryFormat<V> valueFormat() {
        return value;
    }

    /**
     * How the records travel between Flink operators: key and value with their formats' own
     * serializers, plus headers and metadata. Give it to Flink where it cannot infer the type, e.g.
     * {@code env.fromData(records, format.typeInformation())} or {@code .returns(...)}.
     */
    public TypeInformation<KafkaRecord<K, V>> typeInformation() {
        return KafkaRecordTypeInfo.of(key.typeInformation(), value.typeInformation());
    }

    /** Whole records, key and value read in their formats. */
    public KafkaRecordDeserializer<KafkaRecord<K, V>> deserializer() {
        return new RegistryKeyValueDeserializer<>(key.newReader(), value.newReader());
    }

    /**
     * Whole records to {@code topic}, key and value written in their formats.
     *
     * @throws IllegalStateException when a side cannot write (a JSON Schema format without its
     *     schema)
     */
    public KafkaRecordSerializer<KafkaRecord<K, V>> serializer(String topic) {
        return new RegistryKeyValueSerializer<>(topic, key.newWriter(), value.newWriter());
    }

    @Override
    public String toString() {
        return "RegistryKeyValueFormat{key=" + key + ", value=" + value + "}";
    }
}
