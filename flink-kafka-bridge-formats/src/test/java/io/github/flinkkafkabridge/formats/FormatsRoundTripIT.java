package io.github.flinkkafkabridge.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.formats.avro.generated.AvroOrder;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.formats.testing.Order;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every format through a real broker: a Flink job writes the elements with {@link KafkaBridgeSink}
 * and the format's serializer, a second job reads them back with {@link KafkaBridgeSource} and the
 * format's deserializer.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FormatsRoundTripIT {

    private static final int COUNT = 50;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(2);

    private static SchemaRegistryStub registry;

    private static final Schema READING =
            SchemaBuilder.record("Reading")
                    .namespace("it")
                    .fields()
                    .requiredString("sensor")
                    .requiredDouble("value")
                    .endRecord();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = SchemaRegistryStub.start("it", "it-secret");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static SchemaRegistryConfig registryConfig() {
        return SchemaRegistryConfig.builder()
                .setUrl(registry.url())
                .setBasicAuth("it", "it-secret")
                .setAutoRegisterSchemas(true)
                .build();
    }

    private static <T> List<T> elements(IntFunction<T> make) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            out.add(make.apply(i));
        }
        return out;
    }

    /** Writes {@code elements} to a new topic and reads the topic back. */
    private static <T> List<T> roundTrip(
            String name,
            List<T> elements,
            TypeInformation<T> type,
            java.util.function.Function<String, KafkaRecordSerializer<T>> serializer,
            KafkaRecordDeserializer<T> deserializer)
            throws Exception {
        String topic = KAFKA.createTopic(name, 2);
        StreamExecutionEnvironment write = FlinkTestClusters.environment(2, null, 0);
        write.fromData(elements, type)
                .sinkTo(
                        KafkaBridgeSink.<T>builder()
                                .setBootstrapServers(KAFKA.bootstrapServers())
                                .setRecordSerializer(serializer.apply(topic))
                                .build());
        write.execute("write " + name);

        StreamExecutionEnvironment read = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<T> source =
                KafkaBridgeSource.<T>builder()
                        .setBootstrapServers(KAFKA.bootstrapServers())
                        .setTopics(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(deserializer)
                        .build();
        return read.fromSource(source, WatermarkStrategy.noWatermarks(), "read " + name)
                .executeAndCollect(COUNT * 2);
    }

    @Test
    void jsonPojos() throws Exception {
        JsonFormat<Order> json = JsonFormat.of(Order.class);
        List<Order> orders = elements(i -> new Order(i, "c" + i, i * 1.5, List.of("t" + i)));

        assertThat(
                        roundTrip(
                                "json-pojo",
                                orders,
                                json.typeInformation(),
                                json::serializer,
                                json.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void jsonRecords() throws Exception {
        JsonFormat<Payment> json = JsonFormat.of(Payment.class);
        List<Payment> payments = elements(i -> new Payment("p" + i, i * 100L, i % 2 == 0));

        assertThat(
                        roundTrip(
                                "json-record",
                                payments,
                                json.typeInformation(),
                                json::serializer,
                                json.deserializer()))
                .containsExactlyInAnyOrderElementsOf(payments);
    }

    @Test
    void jsonTrees() throws Exception {
        JsonFormat<JsonNode> json = JsonFormat.tree();
        List<JsonNode> trees =
                elements(
                        i ->
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("i", i)
                                        .set("a", JsonNodeFactory.instance.arrayNode().add("x")));

        assertThat(
                        roundTrip(
                                "json-tree",
                                trees,
                                json.typeInformation(),
                                json::serializer,
                                json.deserializer()))
                .containsExactlyInAnyOrderElementsOf(trees);
    }

    @Test
    void avroGenericRecords() throws Exception {
        AvroFormat<GenericRecord> avro = AvroFormat.generic(READING);
        List<GenericRecord> readings =
                elements(
                        i -> {
                            GenericRecord r = new GenericData.Record(READING);
                            r.put("sensor", "s" + i);
                            r.put("value", i / 4.0);
                            return r;
                        });

        List<GenericRecord> read =
                roundTrip(
                        "avro-generic",
                        readings,
                        avro.typeInformation(),
                        avro::serializer,
                        avro.deserializer());

        assertThat(read)
                .extracting(Object::toString)
                .containsExactlyInAnyOrderElementsOf(
                        readings.stream().map(Object::toString).toList());
    }

    @Test
    void avroSpecificRecords() throws Exception {
        AvroFormat<AvroOrder> avro = AvroFormat.specific(AvroOrder.class);
        List<AvroOrder> orders = elements(FormatsRoundTripIT::avroOrder);

        assertThat(
                        roundTrip(
                                "avro-specific",
                                orders,
                                avro.typeInformation(),
                                avro::serializer,
                                avro.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void avroReflectRecords() throws Exception {
        AvroFormat<Order> avro = AvroFormat.reflect(Order.class);
        List<Order> orders = elements(i -> new Order(i, "c" + i, i * 1.5, List.of("t" + i)));

        assertThat(
                        roundTrip(
                                "avro-reflect",
                                orders,
                                avro.typeInformation(),
                                avro::serializer,
                                avro.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void protobufMessages() throws Exception {
        ProtobufFormat<ProtoOrder> proto = ProtobufFormat.of(ProtoOrder.class);
        List<ProtoOrder> orders = elements(FormatsRoundTripIT::protoOrder);

        assertThat(
                        roundTrip(
                                "protobuf",
                                orders,
                                proto.typeInformation(),
                                proto::serializer,
                                proto.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void registryAvro() throws Exception {
        RegistryAvroFormat<AvroOrder> avro =
                RegistryAvroFormat.specific(AvroOrder.class, registryConfig());
        List<AvroOrder> orders = elements(FormatsRoundTripIT::avroOrder);

        assertThat(
                        roundTrip(
                                "registry-avro",
                                orders,
                                AvroFormat.specific(AvroOrder.class).typeInformation(),
                                avro::serializer,
                                avro.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void registryProtobuf() throws Exception {
        RegistryProtobufFormat<ProtoOrder> proto =
                RegistryProtobufFormat.of(ProtoOrder.class, registryConfig());
        List<ProtoOrder> orders = elements(FormatsRoundTripIT::protoOrder);

        assertThat(
                        roundTrip(
                                "registry-protobuf",
                                orders,
                                ProtobufFormat.of(ProtoOrder.class).typeInformation(),
                                proto::serializer,
                                proto.deserializer()))
                .containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void registryJsonSchema() throws Exception {
        RegistryJsonSchemaFormat<Payment> json =
                RegistryJsonSchemaFormat.of(
                        JsonFormat.of(Payment.class),
                        "{\"title\":\"Payment\",\"type\":\"object\"}",
                        registryConfig());
        List<Payment> payments = elements(i -> new Payment("p" + i, i, true));

        assertThat(
                        roundTrip(
                                "registry-json",
                                payments,
                                JsonFormat.of(Payment.class).typeInformation(),
                                json::serializer,
                                json.deserializer()))
                .containsExactlyInAnyOrderElementsOf(payments);
    }

    @Test
    void kafkaRecordsWithKafkaSerializersKeepKeysHeadersAndTimestamps() throws Exception {
        List<KafkaRecord<String, Integer>> records =
                elements(
                        i ->
                                KafkaRecord.of("k" + i, i)
                                        .withHeader("h", new byte[] {(byte) i})
                                        .withTimestamp(1_700_000_000_000L + i));
        KafkaRecordDeserializer<KafkaRecord<String, Integer>> deserializer =
                KafkaRecordDeserializer.of(StringDeserializer.class, IntegerDeserializer.class);

        List<KafkaRecord<String, Integer>> read =
                roundTrip(
                        "kafka-record",
                        records,
                        deserializer.getProducedType(),
                        topic ->
                                KafkaRecordSerializer.of(
                                        topic, new StringSerializer(), new IntegerSerializer()),
                        deserializer);

        assertThat(read).hasSize(COUNT);
        for (KafkaRecord<String, Integer> r : read) {
            int i = r.value();
            assertThat(r.key()).isEqualTo("k" + i);
            assertThat(r.lastHeader("h")).containsExactly((byte) i);
            assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L + i);
            assertThat(r.topic()).startsWith("kafka-record");
            assertThat(r.partition()).isBetween(0, 1);
            assertThat(r.offset()).isNotNegative();
        }
    }

    private static AvroOrder avroOrder(int i) {
        return AvroOrder.newBuilder()
                .setId(i)
                .setCustomer("c" + i)
                .setAmount(i * 1.5)
                .setTags(List.of("t" + i))
                .setNote(i % 2 == 0 ? null : "n" + i)
                .build();
    }

    private static ProtoOrder protoOrder(int i) {
        return ProtoOrder.newBuilder()
                .setId(i)
                .setCustomer("c" + i)
                .addTags("t" + i)
                .putCounts("k", i)
                .addLines(ProtoOrder.Line.newBuilder().setSku("s" + i).setQuantity(i))
                .build();
    }
}
