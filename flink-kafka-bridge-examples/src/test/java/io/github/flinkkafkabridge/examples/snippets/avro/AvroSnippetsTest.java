package io.github.flinkkafkabridge.examples.snippets.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.examples.snippets.JsonSnippets;
import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class AvroSnippetsTest {

    @Test
    void theAvroExampleReadsAndWritesGeneratedOrders() {
        SourceAndSink<Order> orders = AvroSnippets.avroOrders("localhost:9092");

        assertThat(orders.source().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.sink().getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void theRegistryAvroExampleReadsAndWritesGeneratedOrders() {
        RegistryAvroFormat<Order> orders =
                AvroSnippets.registryAvroOrders(JsonSnippets.registry("s3cret"));

        assertThat(orders.deserializer().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.serializer("orders")).isNotNull();
    }
}
