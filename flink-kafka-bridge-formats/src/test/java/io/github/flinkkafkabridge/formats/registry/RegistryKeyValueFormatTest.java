package io.github.flinkkafkabridge.formats.registry;

import static io.github.flinkkafkabridge.formats.registry.RegistryFormatsTest.PAYMENT_SCHEMA;
import static io.github.flinkkafkabridge.formats.registry.RegistryFormatsTest.R;
import static io.github.flinkkafkabridge.formats.testing.Serdes.consumed;
import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.readRecord;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registry keys and values of whole records against the registry stub. */
class RegistryKeyValueFormatTest {

    static final Schema KEY =
            SchemaBuilder.record("K").namespace("test").fields().requiredLong("id").endRecord();

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

    private SchemaRegistryConfig registering(SubjectNameStrategy strategy) {
        return registry().setAutoRegisterSchemas(true).setSubjectNameStrategy(strategy).build();
    }

    private static GenericRecord key(long id) {
        GenericRecord key = new GenericData.Record(KEY);
        key.put("id", id);
        return key;
    }

    private static GenericRecord value(long id, String s) {
        GenericRecord value = new GenericData.Record(R);
        value.put("id", id);
        value.put("s", s);
        return value;
    }

    private static <K, V> ProducerRecord<byte[], byte[]> write(
            RegistryKeyValueFormat<K, V> format, String topic, KafkaRecord<K, V> record)
            throws Exception {
        KafkaRecordSerializer<KafkaRecord<K, V>> serializer = opened(format.serializer(topic));
        return serializer.serialize(record, () -> 99L);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void keyAndValueAreByteExactUnderTheirSubjects() throws Exception {
        // Without auto-registration, the lookups find the schemas only under t-key and t-value.
        stub.put(10, "t-key", "AVRO", KEY.toString());
        stub.put(3, "t-value", "JSON", PAYMENT_SCHEMA);
        RegistryKeyValueFormat<GenericRecord, Payment> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, registry().build()),
                        RegistryJsonSchemaFormat.of(
                                JsonFormat.of(Payment.class), PAYMENT_SCHEMA, registry().build()));

        ProducerRecord<byte[], byte[]> written =
                write(format, "t", KafkaRecord.of(key(1), new Payment("p", 1, false)));

        assertThat(written.topic()).isEqualTo("t");
        assertThat(hex(written.key())).isEqualTo("00 00 00 00 0a 02");
        assertThat(hex(written.value()))
                .isEqualTo(
                        "00 00 00 00 03 "
                                + hex("{\"id\":\"p\",\"cents\":1,\"refunded\":false}".getBytes()));
        KafkaRecord<GenericRecord, Payment> back =
                readRecord(opened(format.deserializer()), consumed(written)).get(0);
        assertThat(back.key().get("id")).isEqualTo(1L);
        assertThat(back.value()).isEqualTo(new Payment("p", 1, false));
        assertThat(back.topic()).isEqualTo("t");
        assertThat(back.offset()).isEqualTo(5L);
    }

    @Test
    void theTopicStrategyRegistersKeysUnderTheKeySubject() throws Exception {
        SchemaRegistryConfig config = registering(SubjectNameStrategy.TOPIC);
        write(
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, config),
                        RegistryAvroFormat.generic(R, config)),
                "orders",
                KafkaRecord.of(key(1), value(1, "a")));

        assertThat(stub.subjects()).containsExactlyInAnyOrder("orders-key", "orders-value");
    }

    @Test
    void theRecordStrategiesNameKeySubjectsAfterTheKeyType() throws Exception {
        write(
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, registering(SubjectNameStrategy.RECORD)),
                        RegistryProtobufFormat.of(
                                ProtoOrder.class, registering(SubjectNameStrategy.RECORD))),
                "a",
                KafkaRecord.of(key(1), ProtoOrder.getDefaultInstance()));
        write(
                RegistryKeyValueFormat.of(
                        RegistryJsonSchemaFormat.of(
                                JsonFormat.of(Payment.class),
                                PAYMENT_SCHEMA,
                                registering(SubjectNameStrategy.TOPIC_RECORD)),
                        RegistryAvroFormat.generic(R, registering(SubjectNameStrategy.TOPIC))),
                "b",
                KafkaRecord.of(new Payment("p", 1, true), value(1, "a")));

        assertThat(stub.subjects())
                .containsExactlyInAnyOrder(
                        "test.K", "flinkkafkabridge.test.ProtoOrder", "b-Payment", "b-value");
    }

    @Test
    void keysOfTheSameTypeShareTheSubjectOfValuesUnderTheRecordStrategies() {
        assertThat(SubjectNameStrategy.RECORD.subject("t", true, "test.K")).isEqualTo("test.K");
        assertThat(SubjectNameStrategy.TOPIC_RECORD.subject("t", true, "test.K"))
                .isEqualTo("t-test.K");
        assertThat(SubjectNameStrategy.TOPIC.subject("t", true, "test.K")).isEqualTo("t-key");
        assertThat(SubjectNameStrategy.TOPIC.subject("t", false, "test.K")).isEqualTo("t-value");
    }

    @Test
    void headersTimestampsAndNullsAreKept() throws Exception {
        SchemaRegistryConfig config = registering(SubjectNameStrategy.TOPIC);
        RegistryKeyValueFormat<GenericRecord, GenericRecord> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, config),
                        RegistryAvroFormat.generic(R, config));
        KafkaRecordDeserializer<KafkaRecord<GenericRecord, GenericRecord>> deserializer =
                opened(format.deserializer());

        ProducerRecord<byte[], byte[]> withHeader =
                write(
                        format,
                        "t",
                        KafkaRecord.<GenericRecord, GenericRecord>of(key(2), value(2, "b"))
                                .withHeader("h", "x".getBytes(UTF_8))
                                .withTimestamp(7L));
        ProducerRecord<byte[], byte[]> tombstone =
                write(format, "t", KafkaRecord.<GenericRecord, GenericRecord>of(key(3), null));
        ProducerRecord<byte[], byte[]> noKey =
                write(
                        format,
                        "t",
                        KafkaRecord.<GenericRecord, GenericRecord>of(null, value(4, "d")));

        assertThat(withHeader.timestamp()).isEqualTo(7L);
        assertThat(new String(withHeader.headers().lastHeader("h").value(), UTF_8)).isEqualTo("x");
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.timestamp()).isEqualTo(99L);
        assertThat(noKey.key()).isNull();

        KafkaRecord<GenericRecord, GenericRecord> read1 =
                readRecord(deserializer, consumed(withHeader)).get(0);
        assertThat(read1.key().get("id")).isEqualTo(2L);
        assertThat(read1.value().get("s").toString()).isEqualTo("b");
        assertThat(read1.lastHeader("h")).containsExactly('x');
        assertThat(read1.timestamp()).isEqualTo(7L);
        KafkaRecord<GenericRecord, GenericRecord> read2 =
                readRecord(deserializer, consumed(tombstone)).get(0);
        assertThat(read2.key().get("id")).isEqualTo(3L);
        assertThat(read2.value()).isNull();
        assertThat(readRecord(deserializer, consumed(noKey)).get(0).key()).isNull();
    }

    @Test
    void aBadKeyOrValueIsAFormatExceptionSayingWhich() throws Exception {
        SchemaRegistryConfig config = registering(SubjectNameStrategy.TOPIC);
        RegistryKeyValueFormat<GenericRecord, GenericRecord> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, config),
                        RegistryAvroFormat.generic(R, config));
        KafkaRecordDeserializer<KafkaRecord<GenericRecord, GenericRecord>> deserializer =
                opened(format.deserializer());
        ProducerRecord<byte[], byte[]> good =
                write(format, "t", KafkaRecord.of(key(1), value(1, "a")));

        assertThatThrownBy(
                        () ->
                                readRecord(
                                        deserializer,
                                        new ConsumerRecord<>(
                                                "t", 0, 0L, "plain".getBytes(UTF_8), good.value())))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("Bad key: ")
                .hasMessageContaining("magic byte");
        assertThatThrownBy(
                        () ->
                                readRecord(
                                        deserializer,
                                        new ConsumerRecord<>(
                                                "t",
                                                0,
                                                0L,
                                                good.key(),
                                                WireFormat.frame(77, new byte[] {2}))))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("Bad value: ")
                .hasMessageContaining("Unknown schema id 77");
    }

    @Test
    void anUnreachableRegistryIsNotABadKey() throws Exception {
        SchemaRegistryConfig config = registering(SubjectNameStrategy.TOPIC);
        RegistryKeyValueFormat<GenericRecord, GenericRecord> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, config),
                        RegistryAvroFormat.generic(R, config));
        ProducerRecord<byte[], byte[]> good =
                write(format, "t", KafkaRecord.of(key(1), value(1, "a")));
        KafkaRecordDeserializer<KafkaRecord<GenericRecord, GenericRecord>> fresh =
                opened(format.deserializer());
        stub.close();

        assertThatThrownBy(() -> readRecord(fresh, consumed(good)))
                .isInstanceOf(SchemaRegistryException.class)
                .isNotInstanceOf(FormatException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void anUnregisteredKeySchemaNamesTheKeySubject() {
        RegistryKeyValueFormat<GenericRecord, GenericRecord> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, registry().build()),
                        RegistryAvroFormat.generic(R, registry().build()));

        assertThatThrownBy(() -> write(format, "t", KafkaRecord.of(key(1), value(1, "a"))))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("test.K is not registered under subject 't-key'");
    }

    @Test
    void aKeyThatBreaksItsJsonSchemaIsNamedAsTheKey() {
        String idSchema =
                "{\"title\":\"Id\",\"type\":\"object\",\"required\":[\"id\"],"
                        + "\"properties\":{\"id\":{\"type\":\"string\",\"minLength\":2}}}";
        SchemaRegistryConfig config = registering(SubjectNameStrategy.TOPIC);
        RegistryKeyValueFormat<Payment, GenericRecord> format =
                RegistryKeyValueFormat.of(
                        RegistryJsonSchemaFormat.of(JsonFormat.of(Payment.class), idSchema, config),
                        RegistryAvroFormat.generic(R, config));

        assertThatThrownBy(
                        () ->
                                write(
                                        format,
                                        "t",
                                        KafkaRecord.of(new Payment("p", 1, true), value(1, "a"))))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("Bad key: JSON Schema violation")
                .hasMessageContaining("subject 't-key'")
                .hasMessageContaining("at \"/id\"");
    }

    @Test
    void formatsShowInToStringAndTypesAndJsonWithoutSchemaCannotWrite() {
        RegistryKeyValueFormat<GenericRecord, Payment> format =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(KEY, registry().build()),
                        RegistryJsonSchemaFormat.of(
                                JsonFormat.of(Payment.class), registry().build()));

        assertThat(format.toString()).contains("RegistryAvroFormat", "RegistryJsonSchemaFormat");
        assertThat(format.keyFormat()).isInstanceOf(RegistryAvroFormat.class);
        assertThat(format.deserializer().toString()).contains("key=", "value=");
        assertThat(format.deserializer().getProducedType()).isEqualTo(format.typeInformation());
        assertThatThrownBy(() -> format.serializer("t"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs the JSON Schema");
        assertThat(format.valueFormat()).isInstanceOf(RegistryJsonSchemaFormat.class);
    }
}
