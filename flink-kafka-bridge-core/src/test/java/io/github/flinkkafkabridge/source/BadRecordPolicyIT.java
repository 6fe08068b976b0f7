package io.github.flinkkafkabridge.source;

import static io.github.flinkkafkabridge.testing.Records.record;
import static io.github.flinkkafkabridge.testing.Records.take;
import static io.github.flinkkafkabridge.testing.Records.takeUntil;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison records in the middle of a topic, read with each {@link BadRecordPolicy}: the good records
 * arrive exactly, and dead letters reach their topic unchanged, also across a TaskManager failure.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadRecordPolicyIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(4);

    /** {@code count} records over 2 partitions, every 10th a poison record with a key. */
    private static Batch batch(String topic, String prefix, int count) {
        Batch batch = new Batch();
        for (int i = 0; i < count; i++) {
            if (i % 10 == 5) {
                ProducerRecord<byte[], byte[]> poison =
                        new ProducerRecord<>(
                                topic,
                                i % 2,
                                null,
                                ("key-" + prefix + i).getBytes(UTF_8),
                                ("poison:" + prefix + i).getBytes(UTF_8));
                poison.headers().add("origin", "test".getBytes(UTF_8));
                batch.records.add(poison);
                batch.bad.add("poison:" + prefix + i);
            } else {
                batch.records.add(record(topic, i % 2, null, prefix + i));
                batch.good.add(prefix + i);
            }
        }
        return batch;
    }

    private static KafkaBridgeSourceBuilder<String> source(String topic, BadRecordPolicy policy) {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setTopics(topic)
                .setDeserializer(new RejectPoison())
                .setBadRecordPolicy(policy);
    }

    @Test
    void skipDeliversExactlyTheGoodRecords() throws Exception {
        String topic = KAFKA.createTopic("skip", 2);
        Batch input = batch(topic, "s", 1_000);
        KafkaTestRecords.produce(KAFKA.cluster(), input.records);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        List<String> read =
                env.fromSource(
                                source(topic, BadRecordPolicy.skip())
                                        .setBounded(StoppingOffsets.latest())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .executeAndCollect(2_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(input.good);
    }

    @Test
    void deadLetterDeliversTheGoodRecordsAndEveryBadRecordUnchanged() throws Exception {
        String topic = KAFKA.createTopic("dlq", 2);
        String deadLetters = KAFKA.createTopic("dlq-letters", 1);
        Batch input = batch(topic, "d", 1_000);
        KafkaTestRecords.produce(KAFKA.cluster(), input.records);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        List<String> read =
                env.fromSource(
                                source(topic, BadRecordPolicy.deadLetter(deadLetters))
                                        .setBounded(StoppingOffsets.latest())
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .executeAndCollect(2_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(input.good);
        List<ConsumerRecord<byte[], byte[]>> letters =
                KafkaTestRecords.consume(
                        KAFKA.cluster(), deadLetters, input.bad.size(), Duration.ofSeconds(60));
        assertThat(letters).hasSize(input.bad.size());
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String value = new String(letter.value(), UTF_8);
            assertThat(new String(letter.key(), UTF_8))
                    .isEqualTo("key-" + value.substring("poison:".length()));
            assertThat(header(letter, "origin")).isEqualTo("test");
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isNotNull();
            assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains("poison");
        }
        assertThat(valuesOf(letters)).containsExactlyInAnyOrderElementsOf(input.bad);
    }

    @Test
    void deadLettersSurviveATaskManagerFailure(@InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        String topic = KAFKA.createTopic("dlq-failover", 2);
        String deadLetters = KAFKA.createTopic("dlq-failover-letters", 1);
        Batch before = batch(topic, "a", 1_000);
        KafkaTestRecords.produce(KAFKA.cluster(), before.records);

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(2, Duration.ofMillis(200), 5);
        DataStream<String> stream =
                env.fromSource(
                        source(topic, BadRecordPolicy.deadLetter(deadLetters)).build(),
                        WatermarkStrategy.noWatermarks(),
                        "kafka");
        try (CloseableIterator<String> results = stream.collectAsync()) {
            JobClient job = env.executeAsync("dead letters across a failure");
            List<String> seen = new ArrayList<>(take(results, before.good.size()));

            miniCluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            miniCluster.startTaskManager();

            Batch after = batch(topic, "b", 1_000);
            KafkaTestRecords.produce(KAFKA.cluster(), after.records);
            KafkaTestRecords.produce(
                    KAFKA.cluster(),
                    List.of(record(topic, 0, null, "end"), record(topic, 1, null, "end")));
            seen.addAll(takeUntil(results, "end"::equals, 2));
            job.cancel().get(60, TimeUnit.SECONDS);

            List<String> good = new ArrayList<>(before.good);
            good.addAll(after.good);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(good);

            // At least once: every bad record is there; one read again after the failure may be
            // there twice.
            Set<String> bad = new HashSet<>(before.bad);
            bad.addAll(after.bad);
            List<ConsumerRecord<byte[], byte[]>> letters =
                    KafkaTestRecords.consume(
                            KAFKA.cluster(), deadLetters, bad.size(), Duration.ofSeconds(60));
            assertThat(new HashSet<>(valuesOf(letters))).isEqualTo(bad);
        }
    }

    private static List<String> valuesOf(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(new String(r.value(), UTF_8)));
        return values;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    /** The records of a test batch, split into what should pass and what should be rejected. */
    private static final class Batch {
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        final List<String> good = new ArrayList<>();
        final List<String> bad = new ArrayList<>();
    }

    /** Rejects values starting with "poison:". */
    private static final class RejectPoison implements KafkaRecordDeserializer<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                throws IOException {
            String value = new String(record.value(), UTF_8);
            if (value.startsWith("poison:")) {
                throw new IOException("not a record: " + value);
            }
            out.collect(value);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
