package io.github.flinkkafkabridge.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class JsonSnippetsTest {

    @Test
    void theJsonExampleReadsAndWritesOrders() {
        SourceAndSink<Order> orders = JsonSnippets.jsonOrders("localhost:9092");

        assertThat(orders.source().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.sink().getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void theRegistryExampleAuthenticatesAndRegistersWithoutShowingThePassword() {
        SchemaRegistryConfig registry = JsonSnippets.registry("s3cret");

        assertThat(registry.url()).isEqualTo("https://registry.example.com:8081");
        assertThat(registry.autoRegisterSchemas()).isTrue();
        assertThat(registry.toString()).doesNotContain("s3cret");
    }

    @Test
    void theRegistryJsonSchemaExampleReadsAndWritesOrders() {
        RegistryJsonSchemaFormat<Order> orders =
                JsonSnippets.registryJsonOrders(
                        "{\"title\": \"Order\", \"type\": \"object\"}",
                        JsonSnippets.registry("s3cret"));

        assertThat(orders.deserializer().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.serializer("orders")).isNotNull();
    }
}
