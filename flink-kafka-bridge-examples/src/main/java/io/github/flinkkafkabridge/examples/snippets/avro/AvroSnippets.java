package io.github.flinkkafkabridge.examples.snippets.avro;

import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;

/** The Avro examples of the formats' javadoc: {@code AvroFormat} and {@code RegistryAvroFormat}. */
public final class AvroSnippets {

    private AvroSnippets() {}

    /** A source reading and a sink writing generated Avro orders. */
    public static SourceAndSink<Order> avroOrders(String bootstrapServers) {
        // [START avro-format]
        AvroFormat<Order> orders = AvroFormat.specific(Order.class);
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
        // [END avro-format]
        return new SourceAndSink<>(source, sink);
    }

    /** Generated Avro orders in the registry's wire format. */
    public static RegistryAvroFormat<Order> registryAvroOrders(SchemaRegistryConfig registry) {
        // [START registry-avro-format]
        RegistryAvroFormat<Order> orders = RegistryAvroFormat.specific(Order.class, registry);
        // [END registry-avro-format]
        return orders;
    }
}
