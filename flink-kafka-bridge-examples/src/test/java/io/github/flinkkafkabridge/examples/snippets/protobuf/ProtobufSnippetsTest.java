package io.github.flinkkafkabridge.examples.snippets.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.examples.snippets.JsonSnippets;
import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class ProtobufSnippetsTest {

    @Test
    void theProtobufExampleReadsAndWritesGeneratedOrders() {
        SourceAndSink<Order> orders = ProtobufSnippets.protobufOrders("localhost:9092");

        assertThat(orders.source().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.sink().getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void theRegistryProtobufExampleDescribesTheGeneratedOrder() {
        RegistryProtobufFormat<Order> orders =
                ProtobufSnippets.registryProtobufOrders(JsonSnippets.registry("s3cret"));

        assertThat(orders.deserializer().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.schemaText()).contains("message Order");
    }
}
