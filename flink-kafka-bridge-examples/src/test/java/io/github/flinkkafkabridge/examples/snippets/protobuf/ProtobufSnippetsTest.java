package io.github.flinkkafkabridge.examples.snippets.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.examples.snippets.JsonSnippets;
import io.github.flinkkafkabridge.examples.snippets.SourceAndSink;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
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
    void theRegistryProtobufExampleReadsAndWritesGeneratedOrders() {
        SourceAndSink<Order> orders =
                ProtobufSnippets.registryProtobufOrders(
                        "localhost:9092", JsonSnippets.registry("s3cret"));

        assertThat(orders.source().getProducedType().getTypeClass()).isEqualTo(Order.class);
        assertThat(orders.sink().getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void theKeyValueExampleCarriesWholeRecordsWithTheirOwnSerializers() {
        Schema keySchema =
                SchemaBuilder.record("OrderKey").fields().requiredString("customer").endRecord();
        SourceAndSink<KafkaRecord<GenericRecord, Order>> orders =
                ProtobufSnippets.registryKeyedOrders(
                        "localhost:9092", keySchema, JsonSnippets.registry("s3cret"));

        TypeInformation<KafkaRecord<GenericRecord, Order>> type = orders.source().getProducedType();
        assertThat(type.getTypeClass()).isEqualTo(KafkaRecord.class);
        // Not Kryo, which cannot copy Avro generic records or Protobuf messages.
        assertThat(type).isNotInstanceOf(GenericTypeInfo.class);
        assertThat(orders.sink().getDeliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }
}
