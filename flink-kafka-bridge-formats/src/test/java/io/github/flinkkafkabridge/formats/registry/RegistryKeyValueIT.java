package io.github.flinkkafkabridge.formats.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Registry formats through a real broker and Flink jobs: whole records with an Avro key and a
 * Protobuf value written by {@link KafkaBridgeSink} and read back by {@link KafkaBridgeSource}, and
 * JSON Schema violations found by a validating deserializer going to a dead-letter topic.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RegistryKeyValueIT {

    private static final int COUNT = 40;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(2);

    private static final Schema ORDER_KEY =
            SchemaBuilder.record("OrderKey")
                    .namespace("it")
                    .fields()
                    .requiredString("customer")
                    .requiredLong("id")
                    .endRecord();

    private static final String PAYMENT_SCHEMA =
            "{\"title\":\"Payment\",\"type\":\"object\",\"required\":[\"id\",\"cents\"],"
                    + "\"properties\":{\"id\":{\"type\":\"string\"},"
                    + "\"cents\":{\"type\":\"integer\",\"minimum\":0},"
                    + "\"refunded\":{\"type\":\"boolean\"}}}";

    private static SchemaRegistryStub registry;

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

    private static <T> void write(
            List<T> elements, TypeInformation<T> type, KafkaRecordSerializer<T> serializer)
            throws Exception {
        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        env.fromData(elements, type)
                .sinkTo(
                        KafkaBridgeSink.<T>builder()
                                .setBootstrapServers(KAFKA.bootstrapServers())
                                .setRecordSerializer(serializer)
                                .build());
        env.execute("write");
    }

    private static <T> List<T> readAll(
            String topic, KafkaRecordDeserializer<T> deserializer, BadRecordPolicy policy)
            throws Exception {
        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<T> source =
                KafkaBridgeSource.<T>builder()
                        .setBootstrapServers(KAFKA.bootstrapServers())
                        .setTopics(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(deserializer)
                        .setBadRecordPolicy(policy)
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "read " + topic)
                .executeAndCollect(COUNT * 2);
    }

    private static GenericRecord key(int i) {
        GenericRecord key = new GenericData.Record(ORDER_KEY);
        key.put("customer", "c" + i % 3);
        key.put("id", (long) i);
        return key;
    }

    private static ProtoOrder order(int i) {
        return ProtoOrder.newBuilder()
                .setId(i)
                .setCustomer("c" + i % 3)
                .addTags("t" + i)
                .putCounts("k", i)
                .addLines(ProtoOrder.Line.newBuilder().setSku("s" + i).setQuantity(i))
                .build();
    }

    @Test
    void avroKeysAndProtobufValuesRoundTripAsWholeRecords() throws Exception {
        String topic = KAFKA.createTopic("registry-key-value", 2);
        RegistryKeyValueFormat<GenericRecord, ProtoOrder> orders =
                RegistryKeyValueFormat.of(
                        RegistryAvroFormat.generic(ORDER_KEY, registryConfig()),
                        RegistryProtobufFormat.of(ProtoOrder.class, registryConfig()));
        List<KafkaRecord<GenericRecord, ProtoOrder>> records = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            records.add(
                    KafkaRecord.of(key(i), order(i))
                            .withHeader("n", String.valueOf(i).getBytes(UTF_8))
                            .withTimestamp(1_700_000_000_000L + i));
        }

        write(records, orders.typeInformation(), orders.serializer(topic));
        List<KafkaRecord<GenericRecord, ProtoOrder>> read =
                readAll(topic, orders.deserializer(), BadRecordPolicy.fail());

        assertThat(read).hasSize(COUNT);
        for (KafkaRecord<GenericRecord, ProtoOrder> record : read) {
            int i = (int) record.value().getId();
            assertThat(record.value()).isEqualTo(order(i));
            assertThat(record.key().toString()).isEqualTo(key(i).toString());
            assertThat(new String(record.lastHeader("n"), UTF_8)).isEqualTo(String.valueOf(i));
            assertThat(record.timestamp()).isEqualTo(1_700_000_000_000L + i);
            assertThat(record.topic()).isEqualTo(topic);
        }
        assertThat(registry.subjects()).contains(topic + "-key", topic + "-value");
    }

    @Test
    void jsonSchemaViolationsGoToTheDeadLetterTopic() throws Exception {
        String topic = KAFKA.createTopic("registry-json-violations", 2);
        String deadLetters = KAFKA.createTopic("registry-json-violations-dlq", 1);
        RegistryJsonSchemaFormat<Payment> payments =
                RegistryJsonSchemaFormat.of(
                        JsonFormat.of(Payment.class), PAYMENT_SCHEMA, registryConfig());
        List<Payment> written = new ArrayList<>();
        List<Payment> good = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            // Every fifth payment breaks the schema's minimum, as from a producer that does not
            // validate.
            Payment payment = new Payment("p" + i, i % 5 == 0 ? -i - 1 : i, false);
            written.add(payment);
            if (payment.cents() >= 0) {
                good.add(payment);
            }
        }

        write(
                written,
                payments.typeInformation(),
                payments.withWriteValidation(false).serializer(topic));
        List<Payment> read =
                readAll(
                        topic,
                        payments.withReadValidation(true).deserializer(),
                        BadRecordPolicy.deadLetter(deadLetters));

        assertThat(read).containsExactlyInAnyOrderElementsOf(good);
        int bad = COUNT - good.size();
        List<ConsumerRecord<byte[], byte[]>> letters =
                KafkaTestRecords.consume(KAFKA.cluster(), deadLetters, bad, Duration.ofSeconds(60));
        assertThat(letters).hasSize(bad);
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertThat(letter.value()[0]).isEqualTo(WireFormat.MAGIC_BYTE);
            Payment payment =
                    JsonFormat.of(Payment.class).read(letter.value(), 5, letter.value().length - 5);
            assertThat(payment.cents()).isNegative();
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS))
                    .isEqualTo(FormatException.class.getName());
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                    .startsWith("JSON Schema violation (schema id ")
                    .contains("topic '" + topic + "'")
                    .contains("at \"/cents\": must have a minimum value of 0");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
