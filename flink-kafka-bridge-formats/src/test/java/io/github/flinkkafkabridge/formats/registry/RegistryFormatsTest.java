package io.github.flinkkafkabridge.formats.registry;

import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.read;
import static io.github.flinkkafkabridge.formats.testing.Serdes.roundTrip;
import static io.github.flinkkafkabridge.formats.testing.Serdes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.formats.avro.generated.AvroOrder;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoCustomer;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry formats against the registry stub, with byte-exact payloads. */
class RegistryFormatsTest {

    static final Schema R =
            SchemaBuilder.record("R")
                    .namespace("test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("s")
                    .endRecord();

    static final Schema R2 =
            SchemaBuilder.record("R")
                    .namespace("test")
                    .fields()
                    .requiredLong("id")
                    .requiredString("s")
                    .name("unit")
                    .type()
                    .stringType()
                    .stringDefault("C")
                    .endRecord();

    static final String PAYMENT_SCHEMA =
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"title\":\"Payment\","
                    + "\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
                    + "\"cents\":{\"type\":\"integer\"},\"refunded\":{\"type\":\"boolean\"}}}";

    private SchemaRegistryStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = SchemaRegistryStub.start("user", "pw");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private SchemaRegistryConfig.Builder registry() {
        return SchemaRegistryConfig.builder().setUrl(stub.url()).setBasicAuth("user", "pw");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static GenericRecord r(long id, String s) {
        GenericRecord record = new GenericData.Record(R);
        record.put("id", id);
        record.put("s", s);
        return record;
    }

    @Test
    void avroValueIsByteExact() throws Exception {
        stub.put(42, "t-value", "AVRO", R.toString());
        RegistryAvroFormat<GenericRecord> avro = RegistryAvroFormat.generic(R, registry().build());

        byte[] bytes = write(opened(avro.serializer("t")), r(1, "ab"));

        // id 1 -> 02, "ab" -> length 2 (04) 61 62
        assertThat(hex(bytes)).isEqualTo("00 00 00 00 2a 02 04 61 62");
        GenericRecord back = read(opened(avro.deserializer()), bytes).get(0);
        assertThat(back.get("s").toString()).isEqualTo("ab");
    }

    @Test
    void protobufValueIsByteExactWithMessageIndexes() throws Exception {
        RegistryProtobufFormat<ProtoCustomer> customers =
                RegistryProtobufFormat.of(ProtoCustomer.class, registry().build());
        RegistryProtobufFormat<ProtoOrder> orders =
                RegistryProtobufFormat.of(ProtoOrder.class, registry().build());
        stub.put(7, "t-value", "PROTOBUF", customers.schemaText());
        stub.put(5, "o-value", "PROTOBUF", orders.schemaText());

        // ProtoCustomer is the second message: [1] -> 02 02; name "x" -> 0a 01 78
        assertThat(
                        hex(
                                write(
                                        opened(customers.serializer("t")),
                                        ProtoCustomer.newBuilder().setName("x").build())))
                .isEqualTo("00 00 00 00 07 02 02 0a 01 78");
        // ProtoOrder is the first message: [0] -> 00; id 1 -> 08 01
        assertThat(
                        hex(
                                write(
                                        opened(orders.serializer("o")),
                                        ProtoOrder.newBuilder().setId(1).build())))
                .isEqualTo("00 00 00 00 05 00 08 01");
        assertThat(
                        RegistryProtobufFormat.of(ProtoOrder.Line.class, registry().build())
                                .messageIndexes())
                .containsExactly(0, 0);
    }

    @Test
    void jsonSchemaValueIsByteExact() throws Exception {
        stub.put(3, "t-value", "JSON", PAYMENT_SCHEMA);
        RegistryJsonSchemaFormat<Payment> json =
                RegistryJsonSchemaFormat.of(
                        JsonFormat.of(Payment.class), PAYMENT_SCHEMA, registry().build());

        byte[] bytes = write(opened(json.serializer("t")), new Payment("p", 1, false));

        assertThat(hex(bytes))
                .isEqualTo(
                        "00 00 00 00 03 "
                                + hex("{\"id\":\"p\",\"cents\":1,\"refunded\":false}".getBytes()));
        assertThat(read(opened(json.deserializer()), bytes))
                .containsExactly(new Payment("p", 1, false));
    }

    @Test
    void specificAvroRoundTripWithAutoRegistration() throws Exception {
        RegistryAvroFormat<AvroOrder> avro =
                RegistryAvroFormat.specific(
                        AvroOrder.class, registry().setAutoRegisterSchemas(true).build());
        AvroOrder order =
                AvroOrder.newBuilder()
                        .setId(1)
                        .setCustomer("c")
                        .setAmount(2.5)
                        .setTags(List.of("x"))
                        .build();

        assertThat(roundTrip(avro.serializer("orders"), avro.deserializer(), order))
                .containsExactly(order);
        assertThat(stub.subjects()).containsExactly("orders-value");
    }

    @Test
    void protobufAndJsonRoundTripsWithAutoRegistration() throws Exception {
        SchemaRegistryConfig config = registry().setAutoRegisterSchemas(true).build();
        RegistryProtobufFormat<ProtoOrder> proto =
                RegistryProtobufFormat.of(ProtoOrder.class, config);
        ProtoOrder order = ProtoOrder.newBuilder().setId(3).addTags("a").putCounts("k", 2).build();
        RegistryJsonSchemaFormat<Payment> json =
                RegistryJsonSchemaFormat.of(JsonFormat.of(Payment.class), PAYMENT_SCHEMA, config);

        assertThat(roundTrip(proto.serializer("p"), proto.deserializer(), order))
                .containsExactly(order);
        assertThat(roundTrip(json.serializer("j"), json.deserializer(), new Payment("a", 2, true)))
                .containsExactly(new Payment("a", 2, true));
        assertThat(stub.schema(1).type()).isEqualTo("PROTOBUF");
        assertThat(stub.schema(2).type()).isEqualTo("JSON");
    }

    @Test
    void readerSchemaResolvesOlderWriterSchemasFromTheRegistry() throws Exception {
        SchemaRegistryConfig config = registry().setAutoRegisterSchemas(true).build();
        byte[] v1 = write(opened(RegistryAvroFormat.generic(R, config).serializer("t")), r(5, "s"));

        GenericRecord read =
                read(opened(RegistryAvroFormat.generic(R2, config).deserializer()), v1).get(0);

        assertThat(read.get("id")).isEqualTo(5L);
        assertThat(read.get("unit").toString()).isEqualTo("C");
    }

    @Test
    void incompatibleWriterSchemaIsAFormatException() throws Exception {
        SchemaRegistryConfig config = registry().setAutoRegisterSchemas(true).build();
        byte[] bytes =
                write(opened(RegistryAvroFormat.generic(R, config).serializer("t")), r(5, "s"));
        Schema numeric =
                SchemaBuilder.record("R").namespace("test").fields().requiredInt("s").endRecord();

        assertThatThrownBy(
                        () ->
                                read(
                                        opened(
                                                RegistryAvroFormat.generic(numeric, config)
                                                        .deserializer()),
                                        bytes))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Schema id 1")
                .hasMessageContaining("cannot be read as test.R")
                .hasMessageContaining("incompatible");
    }

    @Test
    void unknownIdsAndSchemasOfAnotherTypeAreFormatExceptions() throws Exception {
        int jsonId = stub.register("x-value", "JSON", PAYMENT_SCHEMA);
        KafkaRecordDeserializer<GenericRecord> avro =
                opened(RegistryAvroFormat.generic(R, registry().build()).deserializer());

        assertThatThrownBy(() -> read(avro, WireFormat.frame(99, new byte[] {2})))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Unknown schema id 99");
        assertThatThrownBy(() -> read(avro, WireFormat.frame(jsonId, new byte[] {2})))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("is a JSON schema; this deserializer reads AVRO");
        assertThatThrownBy(() -> read(avro, "{\"a\":1}".getBytes()))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("magic byte");
    }

    @Test
    void otherMessageIndexesAreAFormatException() throws Exception {
        SchemaRegistryConfig config = registry().setAutoRegisterSchemas(true).build();
        byte[] customer =
                write(
                        opened(
                                RegistryProtobufFormat.of(ProtoCustomer.class, config)
                                        .serializer("t")),
                        ProtoCustomer.newBuilder().setName("n").build());

        assertThatThrownBy(
                        () ->
                                read(
                                        opened(
                                                RegistryProtobufFormat.of(ProtoOrder.class, config)
                                                        .deserializer()),
                                        customer))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("message [1]")
                .hasMessageContaining("ProtoOrder is message [0]");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaFailsClearly() {
        RegistryAvroFormat<GenericRecord> avro = RegistryAvroFormat.generic(R, registry().build());

        assertThatThrownBy(() -> write(opened(avro.serializer("t")), r(1, "a")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not registered under subject 't-value'")
                .hasMessageContaining("setAutoRegisterSchemas");
    }

    @Test
    void incompatibleRegistrationFailsTheSerializer() {
        stub.rejectAsIncompatible("t-value");
        RegistryAvroFormat<GenericRecord> avro =
                RegistryAvroFormat.generic(R, registry().setAutoRegisterSchemas(true).build());

        assertThatThrownBy(() -> write(opened(avro.serializer("t")), r(1, "a")))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("incompatible");
    }

    @Test
    void subjectNameStrategiesNameTheSubject() throws Exception {
        write(
                opened(
                        RegistryAvroFormat.generic(
                                        R,
                                        registry()
                                                .setAutoRegisterSchemas(true)
                                                .setSubjectNameStrategy(SubjectNameStrategy.RECORD)
                                                .build())
                                .serializer("t")),
                r(1, "a"));
        write(
                opened(
                        RegistryProtobufFormat.of(
                                        ProtoOrder.class,
                                        registry()
                                                .setAutoRegisterSchemas(true)
                                                .setSubjectNameStrategy(
                                                        SubjectNameStrategy.TOPIC_RECORD)
                                                .build())
                                .serializer("t")),
                ProtoOrder.getDefaultInstance());
        write(
                opened(
                        RegistryJsonSchemaFormat.of(
                                        JsonFormat.of(Payment.class),
                                        PAYMENT_SCHEMA,
                                        registry()
                                                .setAutoRegisterSchemas(true)
                                                .setSubjectNameStrategy(SubjectNameStrategy.RECORD)
                                                .build())
                                .serializer("t")),
                new Payment("a", 1, true));

        assertThat(stub.subjects())
                .containsExactlyInAnyOrder(
                        "test.R", "t-flinkkafkabridge.test.ProtoOrder", "Payment");
    }

    @Test
    void jsonWithoutSchemaCanOnlyRead() {
        assertThatThrownBy(
                        () ->
                                RegistryJsonSchemaFormat.of(
                                                JsonFormat.of(Payment.class), registry().build())
                                        .serializer("t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs the JSON Schema");
    }

    @Test
    void printedProtoSchemaDescribesTheFile() {
        String text = RegistryProtobufFormat.of(ProtoOrder.class, registry().build()).schemaText();

        assertThat(text)
                .startsWith("syntax = \"proto3\";\npackage flinkkafkabridge.test;\n")
                .contains("option java_multiple_files = true;")
                .contains("message ProtoOrder {\n  int64 id = 1;\n  string customer = 2;")
                .contains("  repeated string tags = 4;\n  map<string, int32> counts = 5;")
                .contains("  .flinkkafkabridge.test.Status status = 6;")
                .contains("  message Line {\n    string sku = 1;")
                .contains("  oneof contact {\n    string email = 2;\n    string phone = 3;\n  }")
                .contains("enum Status {\n  STATUS_UNKNOWN = 0;")
                .doesNotContain("CountsEntry");
    }
}
