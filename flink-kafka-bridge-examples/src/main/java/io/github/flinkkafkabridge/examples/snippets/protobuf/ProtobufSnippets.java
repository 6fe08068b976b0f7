package io.github.flinkkafkabridge.examples.snippets.protobuf;

import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;

/**
 * The Protobuf examples of the formats' javadoc: {@code ProtobufFormat} and {@code
 * RegistryProtobufFormat}.
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

    /** Generated Protobuf orders in the registry's wire format. */
    public static RegistryProtobufFormat<Order> registryProtobufOrders(
            SchemaRegistryConfig registry) {
        // [START registry-protobuf-format]
        RegistryProtobufFormat<Order> orders = RegistryProtobufFormat.of(Order.class, registry);
        // [END registry-protobuf-format]
        return orders;
    }
}
