package io.github.flinkkafkabridge.serde;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The key+value conveniences, {@link KafkaRecord} views and Kafka (de)serializer adapters. */
class KafkaRecordAdaptersTest {

    private static final KafkaRecordSerializer.Context AT_42 = () -> 42L;

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("h", "hv".getBytes(UTF_8));
        return new ConsumerRecord<>(
                "orders",
                3,
                1042L,
                1_700_000_000_000L,
                TimestampType.LOG_APPEND_TIME,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static <T> List<T> read(KafkaRecordDeserializer<T> d, ConsumerRecord<byte[], byte[]> r)
            throws Exception {
        KafkaRecordDeserializer<T> shipped = InstantiationUtil.clone(d);
        shipped.open(
                new org.apache.flink.api.common.serialization.DeserializationSchema
                        .InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return null;
                    }
                });
        List<T> out = new ArrayList<>();
        shipped.deserialize(r, new ListCollector<>(out));
        return out;
    }

    private static <T> ProducerRecord<byte[], byte[]> write(KafkaRecordSerializer<T> s, T element)
            throws Exception {
        KafkaRecordSerializer<T> shipped = InstantiationUtil.clone(s);
        shipped.open(
                new KafkaRecordSerializer.InitContext() {
                    @Override
                    public int subtaskIndex() {
                        return 0;
                    }

                    @Override
                    public int parallelism() {
                        return 1;
                    }

                    @Override
                    public MetricGroup metricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public SerializationSchema.InitializationContext serializationSchemaContext() {
                        return null;
                    }
                });
        return shipped.serialize(element, AT_42);
    }

    @Test
    void recordsViewCarriesEveryPieceOfMetadata() throws Exception {
        List<KafkaRecord<byte[], byte[]>> out =
                read(KafkaRecordDeserializer.records(), record(new byte[] {1}, new byte[] {2, 3}));

        assertThat(out).hasSize(1);
        KafkaRecord<byte[], byte[]> r = out.get(0);
        assertThat(r.key()).containsExactly(1);
        assertThat(r.value()).containsExactly(2, 3);
        assertThat(r.topic()).isEqualTo("orders");
        assertThat(r.partition()).isEqualTo(3);
        assertThat(r.offset()).isEqualTo(1042L);
        assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(r.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(r.headers()).containsExactly(new KafkaRecord.Header("h", "hv".getBytes(UTF_8)));
        assertThat(r.lastHeader("h")).isEqualTo("hv".getBytes(UTF_8));
        assertThat(r.lastHeader("missing")).isNull();
    }

    @Test
    void keyValueWithFlinkSchemasKeepsNullsWithoutCallingTheSchema() throws Exception {
        KafkaRecordDeserializer<KafkaRecord<String, String>> d =
                KafkaRecordDeserializer.keyValue(
                        new SimpleStringSchema(), new SimpleStringSchema());

        assertThat(read(d, record("k".getBytes(UTF_8), "v".getBytes(UTF_8))))
                .extracting(KafkaRecord::key, KafkaRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k", "v"));
        assertThat(read(d, record(null, null)))
                .extracting(KafkaRecord::key, KafkaRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void kafkaDeserializerClassesProduceTypedRecordsAndInferTheirType() throws Exception {
        KafkaRecordDeserializer<KafkaRecord<String, Integer>> d =
                KafkaRecordDeserializer.of(StringDeserializer.class, IntegerDeserializer.class);

        List<KafkaRecord<String, Integer>> out =
                read(d, record("id".getBytes(UTF_8), new byte[] {0, 0, 1, 0}));

        assertThat(out.get(0).key()).isEqualTo("id");
        assertThat(out.get(0).value()).isEqualTo(256);
        assertThat(KafkaRecordDeserializer.valueOnly(StringDeserializer.class).getProducedType())
                .isEqualTo(Types.STRING);
    }

    @Test
    void kafkaDeserializerFailureBecomesAFormatExceptionNamingKeyOrValue() {
        KafkaRecordDeserializer<KafkaRecord<String, Long>> d =
                KafkaRecordDeserializer.of(new StringDeserializer(), new LongDeserializer());

        assertThatThrownBy(() -> read(d, record("k".getBytes(UTF_8), new byte[] {1, 2, 3})))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Bad value")
                .hasMessageContaining("LongDeserializer")
                .hasMessageContaining("3 bytes");
    }

    @Test
    void recordViewsTravelAsKafkaRecordTypeInfoOfTheirKeyAndValueTypes() {
        TypeInformation<byte[]> bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;

        assertThat(KafkaRecordDeserializer.records().getProducedType())
                .isEqualTo(KafkaRecordTypeInfo.of(bytes, bytes));
        assertThat(
                        KafkaRecordDeserializer.keyValue(
                                        new SimpleStringSchema(), new SimpleStringSchema())
                                .getProducedType())
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.STRING));
        assertThat(
                        KafkaRecordDeserializer.of(
                                        StringDeserializer.class, IntegerDeserializer.class)
                                .getProducedType())
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.INT));
        assertThat(
                        KafkaRecordDeserializer.of(
                                        new StringDeserializer(),
                                        Types.STRING,
                                        new Passing<>(),
                                        bytes)
                                .getProducedType())
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, bytes));
    }

    @Test
    void kafkaDeserializerInstancesTellTheirTypesWhereTheirClassesNameThem() throws Exception {
        KafkaRecordDeserializer<KafkaRecord<String, Long>> named =
                KafkaRecordDeserializer.of(new StringDeserializer(), new LongDeserializer());
        KafkaRecordDeserializer<KafkaRecord<String, byte[]>> generic =
                KafkaRecordDeserializer.of(new StringDeserializer(), new Passing<>());

        assertThat(named.getProducedType())
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.LONG));
        // Passing<T> does not name T: its values go through Kryo.
        assertThat(generic.getProducedType())
                .isEqualTo(
                        KafkaRecordTypeInfo.of(Types.STRING, new GenericTypeInfo<>(Object.class)));
        assertThat(read(generic, record("k".getBytes(UTF_8), new byte[] {4})))
                .extracting(KafkaRecord::value)
                .containsExactly(new byte[] {4});
        assertThatThrownBy(() -> KafkaRecordDeserializer.of(null, new LongDeserializer()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keyDeserializer");
    }

    /** Hands the bytes on unchanged; its class does not name the type it produces. */
    public static final class Passing<T> implements Deserializer<T> {
        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(String topic, byte[] data) {
            return (T) data;
        }
    }

    @Test
    void valueOnlyKafkaDeserializerDropsTombstones() throws Exception {
        KafkaRecordDeserializer<String> d =
                KafkaRecordDeserializer.valueOnly(new StringDeserializer(), Types.STRING);

        assertThat(read(d, record(null, "v".getBytes(UTF_8)))).containsExactly("v");
        assertThat(read(d, record(null, null))).isEmpty();
    }

    @Test
    void valueOnlyKafkaDeserializerClassIsConfigured() throws Exception {
        KafkaRecordDeserializer<String> d =
                KafkaRecordDeserializer.valueOnly(
                        StringDeserializer.class, Map.of("deserializer.encoding", "UTF-16BE"));

        assertThat(read(d, record(null, new byte[] {0, 'x'}))).containsExactly("x");
    }

    @Test
    void aDeserializerThatCannotBeShippedIsRejectedAtOnce() {
        org.apache.kafka.common.serialization.Deserializer<String> lambda =
                (topic, data) -> "never";

        assertThatThrownBy(() -> KafkaRecordDeserializer.valueOnly(lambda, Types.STRING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-argument constructor");
    }

    @Test
    void keyValueSerializerWritesKeyValueAndTimestamp() throws Exception {
        KafkaRecordSerializer<String> s =
                KafkaRecordSerializer.keyValue(
                        "out",
                        (SerializationSchema<String>) e -> e.substring(0, 1).getBytes(UTF_8),
                        new SimpleStringSchema());

        ProducerRecord<byte[], byte[]> r = write(s, "hello");

        assertThat(r.topic()).isEqualTo("out");
        assertThat(r.key()).isEqualTo("h".getBytes(UTF_8));
        assertThat(r.value()).isEqualTo("hello".getBytes(UTF_8));
        assertThat(r.timestamp()).isEqualTo(42L);
        assertThat(r.partition()).isNull();
    }

    @Test
    void valueOnlySerializerWithFlinkSchemaOrKafkaSerializer() throws Exception {
        assertThat(write(KafkaRecordSerializer.valueOnly("out", new SimpleStringSchema()), "v"))
                .satisfies(r -> assertThat(r.key()).isNull())
                .satisfies(r -> assertThat(r.value()).isEqualTo("v".getBytes(UTF_8)));
        assertThat(write(KafkaRecordSerializer.valueOnly("out", IntegerSerializer.class), 256))
                .satisfies(r -> assertThat(r.value()).containsExactly(0, 0, 1, 0));
        assertThat(write(KafkaRecordSerializer.valueOnly("out", new StringSerializer()), "w"))
                .satisfies(r -> assertThat(r.value()).isEqualTo("w".getBytes(UTF_8)));
    }

    @Test
    void recordsAreWrittenWithHeadersAndTheirOwnTimestamp() throws Exception {
        KafkaRecord<String, Integer> record =
                KafkaRecord.of("k", 7).withHeader("trace", new byte[] {9}).withTimestamp(1000L);

        ProducerRecord<byte[], byte[]> r =
                write(
                        KafkaRecordSerializer.of(
                                "out", new StringSerializer(), new IntegerSerializer()),
                        record);

        assertThat(r.key()).isEqualTo("k".getBytes(UTF_8));
        assertThat(r.value()).containsExactly(0, 0, 0, 7);
        assertThat(r.timestamp()).isEqualTo(1000L);
        assertThat(r.headers().lastHeader("trace").value()).containsExactly(9);
    }

    @Test
    void readRecordsCopyToAnotherTopicUnchanged() throws Exception {
        KafkaRecord<byte[], byte[]> read =
                read(KafkaRecordDeserializer.records(), record(new byte[] {1}, null)).get(0);

        ProducerRecord<byte[], byte[]> r = write(KafkaRecordSerializer.records("copy"), read);

        assertThat(r.topic()).isEqualTo("copy");
        assertThat(r.partition()).isNull();
        assertThat(r.key()).containsExactly(1);
        assertThat(r.value()).isNull();
        assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(r.headers().lastHeader("h").value()).isEqualTo("hv".getBytes(UTF_8));
    }

    @Test
    void recordWithoutTimestampTakesTheElementTimestamp() throws Exception {
        ProducerRecord<byte[], byte[]> r =
                write(
                        KafkaRecordSerializer.records(
                                "out", new SimpleStringSchema(), new SimpleStringSchema()),
                        KafkaRecord.of("k", "v"));

        assertThat(r.timestamp()).isEqualTo(42L);
    }

    @Test
    void badTopicIsRejectedAtOnce() {
        assertThatThrownBy(() -> KafkaRecordSerializer.records("bad topic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad topic");
    }

    @Test
    void kafkaRecordValueObjectRules() {
        assertThatThrownBy(() -> KafkaRecord.of("k", "v").withTimestamp(-5))
                .hasMessageContaining("-5");
        assertThat(KafkaRecord.of(new byte[] {1}, new byte[] {2}))
                .isEqualTo(KafkaRecord.of(new byte[] {1}, new byte[] {2}))
                .hasToString("KafkaRecord{key=1 bytes, value=1 bytes, headers=[]}");
        assertThat(KafkaRecord.of("k", "v").withHeader("a", null).headers())
                .containsExactly(new KafkaRecord.Header("a", null));
    }

    @Test
    void flinkSchemaFailureBecomesAFormatException() {
        KafkaRecordDeserializer<KafkaRecord<String, String>> d =
                KafkaRecordDeserializer.keyValue(new SimpleStringSchema(), new Broken());

        assertThatThrownBy(() -> read(d, record(null, new byte[] {1})))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("broken");
    }

    private static final class Broken
            extends org.apache.flink.api.common.serialization.AbstractDeserializationSchema<
                    String> {
        @Override
        public String deserialize(byte[] message) throws IOException {
            throw new IOException("broken");
        }
    }
}
