package io.github.flinkkafkabridge.source;

import static io.github.flinkkafkabridge.testing.Records.record;
import static io.github.flinkkafkabridge.testing.Records.take;
import static io.github.flinkkafkabridge.testing.Records.takeUntil;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.sink.testing.FailurePlan;
import io.github.flinkkafkabridge.sink.testing.FailurePlan.Failure;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testing.TransactionProtocol;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dead letters written EXACTLY_ONCE on a real broker, in Kafka -> {@link KafkaBridgeSource} -> sink
 * jobs with poison records in the middle of the input: across a TaskManager failure, a failure
 * after a checkpoint completed and before the dead-letter commit, and a checkpoint failing after
 * the dead-letter transaction was prepared, a {@code read_committed} reader of the dead-letter
 * topic finds every bad record exactly once, byte for byte, on both transaction protocols (each on
 * a broker of its own). The same job with AT_LEAST_ONCE dead letters misses none; a job without bad
 * records never begins a transaction.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeadLetterExactlyOnceIT {

    private static final int PARALLELISM = 2;
    private static final int RECORDS = 2_000;

    /**
     * The index of the MiniCluster's running TaskManager: {@code MiniCluster#terminateTaskManager}
     * takes an index into every TaskManager it started, terminated ones included.
     */
    private static final AtomicInteger RUNNING_TASK_MANAGER = new AtomicInteger();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(4);

    private static KafkaClusterExtension kafka(TransactionProtocol protocol) {
        return protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void exactlyOnceDeadLettersSurviveFailuresAroundTheirCommit(TransactionProtocol protocol)
            throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        Input input = input(kafka, "eos", RECORDS);
        String deadLetters = kafka.createTopic("eos-dlq", 1);
        String output = kafka.createTopic("eos-out", 2);
        String prefix = deadLetters + "-tx";
        FailurePlan plan =
                FailurePlan.of(
                        List.of(
                                Failure.AFTER_CHECKPOINT_BEFORE_COMMIT,
                                Failure.AFTER_PRE_COMMIT,
                                Failure.AFTER_CHECKPOINT_BEFORE_COMMIT));
        try {
            KafkaBridgeSource<String> source =
                    boundedSource(kafka, input.topic, deadLetters)
                            .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                            .setDeadLetterTransactionalIdPrefix(prefix)
                            .build();

            runToKafka(kafka, new FailureInjectingSource<>(source, plan, true), output);

            assertThat(plan.remaining()).as("failures not injected").isEmpty();
            List<String> written =
                    KafkaReads.readAll(
                            kafka.bootstrapServers(), output, true, Duration.ofSeconds(60));
            assertThat(written).containsExactlyInAnyOrderElementsOf(input.good);
            assertEveryBadRecordExactlyOnce(kafka, input, deadLetters);
            assertNoOpenTransaction(kafka, prefix);
        } finally {
            plan.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void exactlyOnceDeadLettersSurviveATaskManagerFailure(
            TransactionProtocol protocol, @InjectMiniCluster MiniCluster miniCluster)
            throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        Input before = input(kafka, "eos-tm", 1_000);
        String topic = before.topic;
        String deadLetters = kafka.createTopic("eos-tm-dlq", 1);
        String prefix = deadLetters + "-tx";

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(PARALLELISM, Duration.ofMillis(200), 5);
        DataStream<String> stream =
                env.fromSource(
                        source(kafka, topic, deadLetters)
                                .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setDeadLetterTransactionalIdPrefix(prefix)
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "kafka");
        Input all = new Input(topic);
        try (CloseableIterator<String> results = stream.collectAsync()) {
            JobClient job = env.executeAsync("exactly-once dead letters across a failure");
            List<String> seen = new ArrayList<>(take(results, before.good.size()));

            miniCluster
                    .terminateTaskManager(RUNNING_TASK_MANAGER.getAndIncrement())
                    .get(60, TimeUnit.SECONDS);
            miniCluster.startTaskManager();

            Input after = poison(topic, "b", 1_000);
            KafkaTestRecords.produce(kafka.cluster(), after.records);
            KafkaTestRecords.produce(
                    kafka.cluster(),
                    List.of(record(topic, 0, null, "end"), record(topic, 1, null, "end")));
            seen.addAll(takeUntil(results, "end"::equals, 2));
            all.add(before).add(after);
            assertThat(seen).containsExactlyInAnyOrderElementsOf(all.good);

            // The dead letters of the last checkpoints commit when the source hears of them.
            assertThat(
                            KafkaTestRecords.consume(
                                    kafka.cluster(),
                                    deadLetters,
                                    all.bad.size(),
                                    Duration.ofSeconds(60)))
                    .hasSizeGreaterThanOrEqualTo(all.bad.size());
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        assertEveryBadRecordExactlyOnce(kafka, all, deadLetters);
        assertNoOpenTransaction(kafka, prefix);
    }

    @Test
    void atLeastOnceDeadLettersMissNoneDespiteTheSameFailures() throws Exception {
        Input input = input(KAFKA, "alo", RECORDS);
        String deadLetters = KAFKA.createTopic("alo-dlq", 1);
        String output = KAFKA.createTopic("alo-out", 2);
        FailurePlan plan =
                FailurePlan.of(
                        List.of(Failure.AFTER_CHECKPOINT_BEFORE_COMMIT, Failure.AFTER_PRE_COMMIT));
        try {
            runToKafka(
                    KAFKA,
                    new FailureInjectingSource<>(
                            boundedSource(KAFKA, input.topic, deadLetters).build(), plan, false),
                    output);

            assertThat(plan.remaining()).as("failures not injected").isEmpty();
            List<ConsumerRecord<byte[], byte[]>> letters =
                    KafkaReads.readAllRecords(
                            KAFKA.bootstrapServers(), deadLetters, false, Duration.ofSeconds(60));
            assertThat(new HashSet<>(valuesOf(letters))).isEqualTo(new HashSet<>(input.bad));
            Map<String, ConsumerRecord<byte[], byte[]>> inputRecords =
                    readInput(KAFKA, input.topic);
            letters.forEach(letter -> assertSameAsItsSource(letter, input.topic, inputRecords));
        } finally {
            plan.close();
        }
    }

    @Test
    void withoutBadRecordsNoDeadLetterTransactionIsEverBegun() throws Exception {
        String topic = KAFKA.createTopic("clean", PARALLELISM);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            values.add("clean" + i);
        }
        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, values);
        String deadLetters = KAFKA.createTopic("clean-dlq", 1);
        String prefix = deadLetters + "-tx";

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(PARALLELISM, Duration.ofMillis(100), 0);
        List<String> read =
                env.fromSource(
                                source(KAFKA, topic, deadLetters)
                                        .setBounded(StoppingOffsets.latest())
                                        .setRateLimit(1_000.0 / PARALLELISM)
                                        .setDeadLetterDeliveryGuarantee(
                                                DeliveryGuarantee.EXACTLY_ONCE)
                                        .setDeadLetterTransactionalIdPrefix(prefix)
                                        .build(),
                                WatermarkStrategy.noWatermarks(),
                                "kafka")
                        .executeAndCollect(1_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(values);
        try (Admin admin = KAFKA.cluster().createAdmin()) {
            assertThat(KafkaReads.transactionsOf(admin, prefix))
                    .as("transactions of the dead-letter prefix")
                    .isEmpty();
        }
        assertThat(
                        KafkaReads.readAll(
                                KAFKA.bootstrapServers(),
                                deadLetters,
                                false,
                                Duration.ofSeconds(30)))
                .isEmpty();
    }

    @Test
    void exactlyOnceDeadLettersWithoutCheckpointsFailTheJobNamingTheSetter() throws Exception {
        String topic = KAFKA.createTopic("no-checkpoints", 1);
        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, List.of("a"));
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        env.fromSource(
                        source(KAFKA, topic, "no-checkpoints-dlq")
                                .setBounded(StoppingOffsets.latest())
                                .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setDeadLetterTransactionalIdPrefix("no-checkpoints-tx")
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "kafka")
                .sinkTo(new DiscardingSink<>());

        assertThatThrownBy(() -> env.execute("exactly-once dead letters without checkpoints"))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        e, KafkaBridgeConfigException.class))
                                        .get()
                                        .extracting(Throwable::getMessage)
                                        .asString()
                                        .contains("setDeadLetterDeliveryGuarantee")
                                        .contains("needs checkpointing"));
    }

    // ---------------------------------------------------------------- job and checks

    private static KafkaBridgeSourceBuilder<String> source(
            KafkaClusterExtension kafka, String topic, String deadLetters) {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setDeserializer(new RejectPoison())
                .setBadRecordPolicy(BadRecordPolicy.deadLetter(deadLetters));
    }

    /** A bounded, rate-limited source: a checkpoint every 100 ms covers some bad records. */
    private static KafkaBridgeSourceBuilder<String> boundedSource(
            KafkaClusterExtension kafka, String topic, String deadLetters) {
        return source(kafka, topic, deadLetters)
                .setBounded(StoppingOffsets.latest())
                .setRateLimit(1_000.0 / PARALLELISM);
    }

    /** Runs source -> EXACTLY_ONCE KafkaBridgeSink to {@code output}, restarting on failures. */
    private static void runToKafka(
            KafkaClusterExtension kafka, FailureInjectingSource<String> source, String output)
            throws Exception {
        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(PARALLELISM, Duration.ofMillis(100), 10);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                .sinkTo(
                        KafkaBridgeSink.<String>builder()
                                .setBootstrapServers(kafka.bootstrapServers())
                                .setRecordSerializer(KafkaRecordSerializer.utf8String(output))
                                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix(output + "-tx")
                                // While the failing reader's region restarts, the other writer
                                // prepares a transaction per failed checkpoint; when they hold
                                // every id it fails after max.block.ms and the job restarts:
                                // keep that short here.
                                .setProperty("max.block.ms", "5000")
                                .build());
        env.execute("dead letters with failures");
    }

    /**
     * Reads the dead-letter topic with {@code read_committed}: every bad record once, each letter
     * byte for byte the source record its headers point to.
     */
    private static void assertEveryBadRecordExactlyOnce(
            KafkaClusterExtension kafka, Input input, String deadLetters) {
        List<ConsumerRecord<byte[], byte[]>> letters =
                KafkaReads.readAllRecords(
                        kafka.bootstrapServers(), deadLetters, true, Duration.ofSeconds(60));
        assertThat(valuesOf(letters)).containsExactlyInAnyOrderElementsOf(input.bad);
        Map<String, ConsumerRecord<byte[], byte[]>> inputRecords = readInput(kafka, input.topic);
        letters.forEach(letter -> assertSameAsItsSource(letter, input.topic, inputRecords));
    }

    private static void assertSameAsItsSource(
            ConsumerRecord<byte[], byte[]> letter,
            String topic,
            Map<String, ConsumerRecord<byte[], byte[]>> inputRecords) {
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
        ConsumerRecord<byte[], byte[]> source =
                inputRecords.get(
                        header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)
                                + "@"
                                + header(letter, DeadLetterHeaders.ORIGINAL_OFFSET));
        assertThat(source).as("the source record of %s", valueOf(letter)).isNotNull();
        assertThat(letter.key()).isEqualTo(source.key());
        assertThat(letter.value()).isEqualTo(source.value());
        Header[] original = source.headers().toArray();
        Header[] copied = Arrays.copyOf(letter.headers().toArray(), original.length);
        assertThat(copied).as("the source record's headers come first").isEqualTo(original);
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TIMESTAMP))
                .isEqualTo(String.valueOf(source.timestamp()));
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(IOException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains(valueOf(source));
    }

    private static void assertNoOpenTransaction(KafkaClusterExtension kafka, String prefix)
            throws Exception {
        try (Admin admin = kafka.cluster().createAdmin()) {
            List<TransactionListing> transactions = KafkaReads.transactionsOf(admin, prefix);
            assertThat(transactions).as("dead-letter transactions of the job").isNotEmpty();
            assertThat(transactions)
                    .as("dead-letter transactions still open")
                    .noneMatch(t -> t.state() == TransactionState.ONGOING);
        }
    }

    /** The input records by {@code partition@offset}. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> readInput(
            KafkaClusterExtension kafka, String topic) {
        Map<String, ConsumerRecord<byte[], byte[]>> records = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaReads.readAllRecords(
                        kafka.bootstrapServers(), topic, false, Duration.ofSeconds(60))) {
            records.put(r.partition() + "@" + r.offset(), r);
        }
        return records;
    }

    /** A new input topic holding {@code count} records, some poison. */
    private static Input input(KafkaClusterExtension kafka, String name, int count) {
        String topic = kafka.createTopic(name, PARALLELISM);
        Input input = poison(topic, "a", count);
        KafkaTestRecords.produce(kafka.cluster(), input.records);
        return input;
    }

    /** {@code count} records over 2 partitions, every 10th a poison record with key and header. */
    private static Input poison(String topic, String prefix, int count) {
        Input input = new Input(topic);
        for (int i = 0; i < count; i++) {
            if (i % 10 == 5) {
                ProducerRecord<byte[], byte[]> poison =
                        new ProducerRecord<>(
                                topic,
                                i % 2,
                                null,
                                ("key-" + prefix + i).getBytes(UTF_8),
                                ("poison:" + prefix + i).getBytes(UTF_8));
                poison.headers().add("origin", ("test-" + i).getBytes(UTF_8));
                poison.headers().add("empty", new byte[0]);
                input.records.add(poison);
                input.bad.add("poison:" + prefix + i);
            } else {
                input.records.add(record(topic, i % 2, null, prefix + i));
                input.good.add(prefix + i);
            }
        }
        return input;
    }

    private static List<String> valuesOf(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(valueOf(r)));
        return values;
    }

    private static String valueOf(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    /** The records of a test input, split into what should pass and what should be rejected. */
    private static final class Input {
        final String topic;
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        final List<String> good = new ArrayList<>();
        final List<String> bad = new ArrayList<>();

        Input(String topic) {
            this.topic = topic;
        }

        Input add(Input other) {
            good.addAll(other.good);
            bad.addAll(other.bad);
            return this;
        }
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
