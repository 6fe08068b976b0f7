package io.github.flinkkafkabridge.examples.snippets.protobuf;

import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryKeyValueFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The Protobuf examples of the formats' javadoc: {@code ProtobufFormat}, {@code
 * RegistryProtobufFormat} (also the example of {@code RegistryFormat}) and {@code
 * RegistryKeyValueFormat}.
 */
public final class ProtobufSnippets {

    private ProtobufSnippets() {}

    /** A source reading and a sink writing generated Protobuf orders. */
    public static SourceAndSink<Order> protobufOrders(String bootstrapServers) {
        // [START protobuf-format]
        ProtobufFormat<Order> orders = ProtobufFormat.of(Order.class);
        KafkaBridgeSource<Order> source =
                KafkaBridgeSource.<Order>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics("orders")
                        .setDeserializer(orders.deserializer())
                        .build();
        KafkaBridgeSink<Order> sink =
                KafkaBridgeSink.<Order>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(orders.serializer("orders-copy"))
                        .build();
        // [END protobuf-format]
        return new SourceAndSink<>(source, sink);
    }

    /** A source reading and a sink writing generated Protobuf orders in the registry's format. */
    public static SourceAndSink<Order> registryProtobufOrders(
            String bootstrapServers, SchemaRegistryConfig registry) {
        // [START registry-protobuf-format]
        RegistryProtobufFormat<Order> orders = RegistryProtobufFormat.of(Order.class, registry);
        KafkaBridgeSource<Order> source =
                KafkaBridgeSource.<Order>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics("orders")
                        .setDeserializer(orders.deserializer())
                        .build();
        KafkaBridgeSink<Order> sink =
                KafkaBridgeSink.<Order>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(orders.serializer("orders-copy"))
                        .build();
        // [END registry-protobuf-format]
        return new SourceAndSink<>(source, sink);
    }

    /**
     * A source and a sink of whole records with an Avro key (a generic record of {@code
     * orderKeySchema}) and a Protobuf order as value, both in the registry's format.
     */
    public static SourceAndSink<KafkaRecord<GenericRecord, Order>> registryKeyedOrders(
            String bootstrapServers, Schema orderKeySchema, SchemaRegistryConfig registry) {
        // [START registry-key-value-format]
        RegistryKeyValueFormat<GenericRecord, Order> orders =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(orderKeySchema, registry),
                        RegistryProtobufFormat.of(Order.class, registry));
        KafkaBridgeSource<KafkaRecord<GenericRecord, Order>> source =
                KafkaBridgeSource.<KafkaRecord<GenericRecord, Order>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics("orders")
                        .setDeserializer(orders.deserializer())
                        .build();
        KafkaBridgeSink<KafkaRecord<GenericRecord, Order>> sink =
                KafkaBridgeSink.<KafkaRecord<GenericRecord, Order>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(orders.serializer("orders-copy"))
                        .build();
        // [END registry-key-value-format]
        return new SourceAndSink<>(source, sink);
    }
}
