package io.github.flinkkafkabridge.examples.snippets;

import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;

/**
 * The JSON and Schema Registry examples of the formats' javadoc: {@code JsonFormat}, {@code
 * SchemaRegistryConfig} and {@code RegistryJsonSchemaFormat}, on {@link Order}.
 */
public final class JsonSnippets {

    private JsonSnippets() {}

    /** A source reading and a sink writing orders as JSON. */
    public static SourceAndSink<Order> jsonOrders(String bootstrapServers) {
        // [START json-format]
        JsonFormat<Order> orders = JsonFormat.of(Order.class);
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
        // [END json-format]
        return new SourceAndSink<>(source, sink);
    }

    /** The settings of a registry that needs a password and lets serializers register schemas. */
    public static SchemaRegistryConfig registry(String password) {
        // [START schema-registry-config]
        SchemaRegistryConfig registry =
                SchemaRegistryConfig.builder()
                        .setUrl("https://registry.example.com:8081")
                        .setBasicAuth("user", password)
                        .setAutoRegisterSchemas(true)
                        .build();
        // [END schema-registry-config]
        return registry;
    }

    /**
     * Orders as JSON with a JSON Schema, in the registry's wire format, validated when written (the
     * default) and when read.
     */
    public static RegistryJsonSchemaFormat<Order> registryJsonOrders(
            String orderJsonSchema, SchemaRegistryConfig registry) {
        // [START registry-json-schema-format]
        RegistryJsonSchemaFormat<Order> orders =
                RegistryJsonSchemaFormat.of(JsonFormat.of(Order.class), orderJsonSchema, registry)
                        .withReadValidation(true);
        // [END registry-json-schema-format]
        return orders;
    }
}
