package io.github.flinkkafkabridge.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whole records with Avro generic-record values read through core's {@link KafkaRecordDeserializer}
 * and shipped between Flink tasks: a chained filter copies each record (object reuse is off) and a
 * {@code keyBy} serializes it over the network, both with the key's and value's own serializers.
 * Kryo, Flink's fallback for a {@link KafkaRecord}, cannot copy an Avro generic record. Here rather
 * than in core because core has no Avro.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaRecordTypeInfoIT {

    private static final int COUNT = 60;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(2);

    private static final Schema ORDER =
            SchemaBuilder.record("Order")
                    .namespace("it")
                    .fields()
                    .requiredLong("id")
                    .requiredString("customer")
                    .name("counts")
                    .type()
                    .map()
                    .values()
                    .longType()
                    .noDefault()
                    .endRecord();

    private static final AvroFormat<GenericRecord> AVRO = AvroFormat.generic(ORDER);

    private static GenericRecord order(int i) {
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("id", (long) i);
        order.put("customer", "c" + i % 4);
        Map<String, Long> counts = new HashMap<>();
        counts.put("lines", (long) i % 3);
        order.put("counts", counts);
        return order;
    }

    /**
     * Writes {@link #COUNT} records keyed by customer: every seventh a tombstone, every other one
     * with a header (every fifth header without a value), all with a create time.
     */
    private static String writeOrders(String name) {
        String topic = KAFKA.createTopic(name, 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            RecordHeaders headers = new RecordHeaders();
            if (i % 2 == 0) {
                headers.add("n", i % 5 == 0 ? null : String.valueOf(i).getBytes(UTF_8));
            }
            records.add(
                    new ProducerRecord<>(
                            topic,
                            i % 2,
                            1_700_000_000_000L + i,
                            ("c" + i % 4).getBytes(UTF_8),
                            i % 7 == 3 ? null : AVRO.write(order(i)),
                            headers));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);
        return topic;
    }

    /** Reads the topic, copies every record into a chained filter and shuffles it by key. */
    private static List<KafkaRecord<String, GenericRecord>> readShuffled(
            String topic, KafkaRecordDeserializer<KafkaRecord<String, GenericRecord>> deserializer)
            throws Exception {
        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<KafkaRecord<String, GenericRecord>> source =
                KafkaBridgeSource.<KafkaRecord<String, GenericRecord>>builder()
                        .setBootstrapServers(KAFKA.bootstrapServers())
                        .setTopics(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(deserializer)
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "read " + topic)
                .filter(record -> record.key() != null)
                .keyBy(KafkaRecord::key, Types.STRING)
                .filter(record -> record.offset() >= 0)
                .executeAndCollect(COUNT * 2);
    }

    private static void assertWholeRecords(
            String topic, List<KafkaRecord<String, GenericRecord>> read) {
        assertThat(read).hasSize(COUNT);
        for (KafkaRecord<String, GenericRecord> record : read) {
            int i = (int) (record.timestamp() - 1_700_000_000_000L);
            assertThat(record.key()).isEqualTo("c" + i % 4);
            if (i % 7 == 3) {
                assertThat(record.value()).isNull();
            } else {
                assertThat(record.value()).isEqualTo(order(i));
            }
            assertThat(record.topic()).isEqualTo(topic);
            assertThat(record.partition()).isEqualTo(i % 2);
            assertThat(record.offset()).isEqualTo(i / 2);
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            if (i % 2 == 0) {
                assertThat(record.headers()).hasSize(1);
                assertThat(record.lastHeader("n"))
                        .isEqualTo(i % 5 == 0 ? null : String.valueOf(i).getBytes(UTF_8));
            } else {
                assertThat(record.headers()).isEmpty();
            }
        }
    }

    @Test
    void avroValuesThroughFlinkSchemasTravelBetweenTasks() throws Exception {
        String topic = writeOrders("record-type-schemas");
        KafkaRecordDeserializer<KafkaRecord<String, GenericRecord>> deserializer =
                KafkaRecordDeserializer.keyValue(
                        new SimpleStringSchema(), AVRO.deserializationSchema());

        assertWholeRecords(topic, readShuffled(topic, deserializer));
    }

    @Test
    void avroValuesThroughKafkaDeserializersWithTheirTypesTravelBetweenTasks() throws Exception {
        String topic = writeOrders("record-type-kafka-deserializers");
        KafkaRecordDeserializer<KafkaRecord<String, GenericRecord>> deserializer =
                KafkaRecordDeserializer.of(
                        new StringDeserializer(),
                        Types.STRING,
                        new AvroOrderDeserializer(),
                        AVRO.typeInformation());

        assertWholeRecords(topic, readShuffled(topic, deserializer));
    }

    /** A Kafka deserializer of Avro orders, as an application may already have one. */
    public static final class AvroOrderDeserializer implements Deserializer<GenericRecord> {
        @Override
        public GenericRecord deserialize(String topic, byte[] data) {
            try {
                return AVRO.read(data);
            } catch (FormatException e) {
                throw new SerializationException(e);
            }
        }
    }
}
