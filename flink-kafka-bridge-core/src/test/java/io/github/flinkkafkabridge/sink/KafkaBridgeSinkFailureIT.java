package io.github.flinkkafkabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.testing.FailureInjectingSink;
import io.github.flinkkafkabridge.sink.testing.FailurePlan;
import io.github.flinkkafkabridge.sink.testing.FailurePlan.Failure;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testing.TransactionProtocol;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sink's guarantees under failures on a real broker, in a Kafka -> Flink -> Kafka job: a
 * bounded, checkpointed, rate-limited {@link KafkaBridgeSource} feeds the sink; failures are
 * injected before a checkpoint, after pre-commit and before the checkpoint completes, and after the
 * checkpoint completes and before the commit. The output is read back with {@code read_committed}.
 * EXACTLY_ONCE runs on both transaction protocols, each on a broker of its own.
 */
class KafkaBridgeSinkFailureIT {

    private static final int PARALLELISM = 2;
    private static final int POOL_SIZE = 3;
    private static final long RECORDS = 1_500;

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(PARALLELISM)
                            .setConfiguration(localOnly())
                            .build());

    @ParameterizedTest
    @MethodSource("protocolsAndFailures")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void exactlyOnceDeliversEveryRecordOnceDespiteAFailure(
            TransactionProtocol protocol, Failure failure) throws Exception {
        runAndCheckExactlyOnce(kafka(protocol), List.of(failure));
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void exactlyOnceAfterRepeatedFailuresLeavesNoOpenTransactionAndFewIds(
            TransactionProtocol protocol) throws Exception {
        protocol.assertRunBy(kafka(protocol).cluster());
        runAndCheckExactlyOnce(
                kafka(protocol),
                List.of(
                        Failure.BEFORE_CHECKPOINT,
                        Failure.AFTER_CHECKPOINT_BEFORE_COMMIT,
                        Failure.AFTER_PRE_COMMIT,
                        Failure.BEFORE_CHECKPOINT,
                        Failure.AFTER_CHECKPOINT_BEFORE_COMMIT,
                        Failure.AFTER_PRE_COMMIT));
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void atLeastOnceLosesNothingDespiteAFailure(Failure failure) throws Exception {
        String topic = KAFKA.createTopic("alo-" + failure.name().toLowerCase(), 3);
        FailurePlan plan = FailurePlan.of(List.of(failure));
        try {
            KafkaBridgeSink<String> sink =
                    KafkaBridgeSink.<String>builder()
                            .setBootstrapServers(KAFKA.bootstrapServers())
                            .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                            .build();
            run(KAFKA, sink, plan, true);

            List<String> written =
                    KafkaReads.readAll(
                            KAFKA.bootstrapServers(), topic, false, Duration.ofSeconds(60));
            assertThat(plan.remaining()).as("failures not injected").isEmpty();
            assertThat(new HashSet<>(written)).isEqualTo(expected());
        } finally {
            plan.close();
        }
    }

    static Stream<Arguments> protocolsAndFailures() {
        return Stream.of(TransactionProtocol.values())
                .flatMap(p -> Stream.of(Failure.values()).map(f -> Arguments.of(p, f)));
    }

    private static KafkaClusterExtension kafka(TransactionProtocol protocol) {
        return protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
    }

    private void runAndCheckExactlyOnce(KafkaClusterExtension kafka, List<Failure> failures)
            throws Exception {
        String topic = kafka.createTopic("eos", 3);
        String prefix = topic + "-tx";
        FailurePlan plan = FailurePlan.of(failures);
        try {
            KafkaBridgeSink<String> sink =
                    KafkaBridgeSink.<String>builder()
                            .setBootstrapServers(kafka.bootstrapServers())
                            .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                            .setTransactionalIdPrefix(prefix)
                            .setTransactionalIdPoolSize(POOL_SIZE)
                            // A writer whose ids all wait for aborted checkpoints fails after
                            // max.block.ms and the job restarts; keep that short here.
                            .setProperty("max.block.ms", "5000")
                            .build();
            run(kafka, sink, plan, false);

            assertThat(plan.remaining()).as("failures not injected").isEmpty();
            List<String> committed =
                    KafkaReads.readAll(
                            kafka.bootstrapServers(), topic, true, Duration.ofSeconds(60));
            assertThat(committed).hasSize((int) RECORDS);
            assertThat(new HashSet<>(committed)).isEqualTo(expected());

            try (Admin admin = kafka.cluster().createAdmin()) {
                List<TransactionListing> transactions = KafkaReads.transactionsOf(admin, prefix);
                assertThat(transactions)
                        .as("transactions of the job still open on the broker")
                        .noneMatch(t -> t.state() == TransactionState.ONGOING);
                assertThat(KafkaReads.ids(transactions))
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(PARALLELISM * POOL_SIZE);
            }
        } finally {
            plan.close();
        }
    }

    /**
     * Runs Kafka -> Flink -> Kafka: {@value #RECORDS} numbers written to an input topic are read by
     * a bounded, rate-limited {@link KafkaBridgeSource} (exactly-once on its own) and written by
     * {@code sink}, with the planned failures.
     */
    private static void run(
            KafkaClusterExtension kafka,
            KafkaBridgeSink<String> sink,
            FailurePlan plan,
            boolean atLeastOnce)
            throws Exception {
        String input = kafka.createTopic("numbers", PARALLELISM);
        KafkaTestRecords.produceStrings(
                kafka.cluster(),
                input,
                LongStream.range(0, RECORDS).mapToObj(Long::toString).collect(Collectors.toList()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        env.configure(conf);
        env.setParallelism(PARALLELISM);
        env.enableCheckpointing(100);
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(input)
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .setBounded(StoppingOffsets.latest())
                        .setRateLimit(1_000.0 / PARALLELISM)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers")
                .map(new FailAfterCheckpoint(plan.key(), atLeastOnce))
                .sinkTo(new FailureInjectingSink<>(sink, plan));
        env.execute("sink failure test");
    }

    private static Set<String> expected() {
        return LongStream.range(0, RECORDS).mapToObj(Long::toString).collect(Collectors.toSet());
    }

    private static Configuration localOnly() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        return conf;
    }

    /**
     * For AT_LEAST_ONCE, whose committer has nothing to commit: fails when a checkpoint completed,
     * the equivalent point.
     */
    private static final class FailAfterCheckpoint
            implements MapFunction<String, String>, CheckpointListener {
        private final String planKey;
        private final boolean enabled;
        private long records;

        FailAfterCheckpoint(String planKey, boolean enabled) {
            this.planKey = planKey;
            this.enabled = enabled;
        }

        @Override
        public String map(String value) {
            records++;
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (enabled
                    && records > 50
                    && FailurePlan.get(planKey).claim(Failure.AFTER_CHECKPOINT_BEFORE_COMMIT)) {
                throw new FailurePlan.InjectedFailure(Failure.AFTER_CHECKPOINT_BEFORE_COMMIT);
            }
        }
    }
}
