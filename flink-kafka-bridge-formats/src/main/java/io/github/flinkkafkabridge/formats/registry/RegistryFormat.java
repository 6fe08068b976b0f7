package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * What the Schema Registry formats have in common: each reads and writes keys and values in the
 * registry wire format, with the same code for both, so it serves as a record value (one line in a
 * builder) or, through {@link RegistryKeyValueFormat}, as the key of whole records.
 * <!-- snippet: registry-protobuf-format -->
 *
 * <pre>{@code
 * RegistryProtobufFormat<Order> orders = RegistryProtobufFormat.of(Order.class, registry);
 * KafkaBridgeSource<Order> source =
 *         KafkaBridgeSource.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setTopics("orders")
 *                 .setDeserializer(orders.deserializer())
 *                 .build();
 * KafkaBridgeSink<Order> sink =
 *         KafkaBridgeSink.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setRecordSerializer(orders.serializer("orders-copy"))
 *                 .build();
 * }</pre>
 *
 * <p>Serializers name the subject of the schema with the config's {@link SubjectNameStrategy}: for
 * {@link SubjectNameStrategy#TOPIC} a value's subject is {@code <topic>-value} and a key's {@code
 * <topic>-key}; {@link SubjectNameStrategy#RECORD} and {@link SubjectNameStrategy#TOPIC_RECORD}
 * name it after the record type, the same for keys and values, as Confluent's serializers do. The
 * implementations are {@link RegistryAvroFormat}, {@link RegistryProtobufFormat} and {@link
 * RegistryJsonSchemaFormat}; instances are immutable, serializable and thread-safe.
 *
 * @param <T> the key or value type
 */
public abstract sealed class RegistryFormat<T> implements Serializable
        permits RegistryAvroFormat, RegistryProtobufFormat, RegistryJsonSchemaFormat {

    private static final long serialVersionUID = 1L;

    RegistryFormat() {}

    /** A new reader of framed keys or values, for one deserializer. */
    abstract RegistryReader<T> newReader();

    /**
     * A new writer of framed keys or values, for one serializer.
     *
     * @throws IllegalStateException when the format cannot write (a JSON Schema format without its
     *     schema)
     */
    abstract RegistryWriter<T> newWriter();

    /** How keys or values of this format travel between Flink operators. */
    public abstract TypeInformation<T> typeInformation();

    /** Record values in this format; the key is not read and a tombstone becomes no element. */
    public final KafkaRecordDeserializer<T> deserializer() {
        return new RegistryDeserializer<>(newReader());
    }

    /**
     * Elements as record values in this format, to {@code topic}, without key.
     *
     * @throws IllegalStateException when the format cannot write (a JSON Schema format without its
     *     schema)
     */
    public final KafkaRecordSerializer<T> serializer(String topic) {
        return new RegistrySerializer<>(topic, newWriter());
    }
}
