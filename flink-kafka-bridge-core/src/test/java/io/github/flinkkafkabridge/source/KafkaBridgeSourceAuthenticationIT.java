package io.github.flinkkafkabridge.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe;
import io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe.LagProbeException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.sink.KafkaBridgeSinkBuilder;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testing.WrongCredentials;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The source, a job through to the sink, and the lag probe against a broker that authenticates
 * clients with SASL/PLAIN: the right credentials passed with {@code setProperty} reach every
 * client, and wrong ones fail at once with a message naming the servers and the settings to check.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaBridgeSourceAuthenticationIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(2);

    /** Far below the library's client timeouts (metadata 60 s, max.block.ms 30 s). */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(15);

    /** Bound of the waits for output, dead letters and committed offsets. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = WrongCredentials.startCluster();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void wrongCredentialsFailTheJobAtOnceNamingServersAndSettings(WrongCredentials credentials) {
        String topic = "source-" + credentials.name();
        kafka.createTopic(topic, 2);
        KafkaTestRecords.produceStrings(kafka, topic, List.of("a", "b"));
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setProperties(credentials.clientProperties(kafka))
                        .setTopics(topic)
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .setBounded(StoppingOffsets.latest())
                        .build();
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);

        long start = System.nanoTime();
        Throwable failure =
                catchThrowable(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                                        .executeAndCollect(2));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        WrongCredentials.assertExplained(failure, kafka, "KafkaBridgeSource");
    }

    @Test
    void aMissingSecurityProtocolFailsWithinTheMetadataTimeoutNamingIt() {
        String topic = "source-plaintext";
        kafka.createTopic(topic, 1);
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(topic)
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .setMetadataTimeout(Duration.ofSeconds(3))
                        .setBounded(StoppingOffsets.latest())
                        .build();
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);

        Throwable failure =
                catchThrowable(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                                        .executeAndCollect(1));

        assertThat(ExceptionUtils.findThrowableWithMessage(failure, "security.protocol"))
                .as("failure %s", ExceptionUtils.stringifyException(failure))
                .hasValueSatisfying(
                        e -> assertThat(e).hasMessageContaining(kafka.bootstrapServers()));
    }

    @Test
    void theRightCredentialsReachEveryClientOfTheSourceTheSinkAndTheLagProbe() throws Exception {
        String input = "right-input";
        String output = "right-output";
        String deadLetters = "right-dead-letters";
        String group = "right-group";
        kafka.createTopic(input, 2);
        kafka.createTopic(output, 2);
        kafka.createTopic(deadLetters, 1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add(i % 5 == 0 ? "poison-" + i : "good-" + i);
        }
        KafkaTestRecords.produceStrings(kafka, input, values);
        List<String> good = values.stream().filter(v -> v.startsWith("good")).toList();
        List<String> bad = values.stream().filter(v -> v.startsWith("poison")).toList();

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(2, Duration.ofMillis(200), 0);
        KafkaBridgeSource<String> source =
                withRightCredentials(KafkaBridgeSource.<String>builder())
                        .setTopics(input)
                        .setGroupId(group)
                        .setDeserializer(new RejectPoison())
                        .setBadRecordPolicy(BadRecordPolicy.deadLetter(deadLetters))
                        .build();
        KafkaBridgeSink<String> sink =
                withRightCredentials(KafkaBridgeSink.<String>builder())
                        .setRecordSerializer(KafkaRecordSerializer.utf8String(output))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("right-credentials")
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").sinkTo(sink);
        JobClient job = env.executeAsync("right credentials");
        try (Admin admin = kafka.createAdmin()) {
            // The test kit reads as its own admin user, read_committed.
            assertThat(KafkaTestRecords.consumeStrings(kafka, output, good.size(), TIMEOUT))
                    .containsExactlyInAnyOrderElementsOf(good);
            List<String> letters = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> letter :
                    KafkaTestRecords.consume(kafka, deadLetters, bad.size(), TIMEOUT)) {
                letters.add(new String(letter.value(), UTF_8));
            }
            assertThat(letters).containsExactlyInAnyOrderElementsOf(bad);
            Map<TopicPartition, Long> ends = endOffsets(admin, input, 2);
            awaitCondition(
                    () -> committed(admin, group).equals(ends),
                    () -> "committed offsets " + committed(admin, group) + " != " + ends);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }

        Properties probeProperties = new Properties();
        probeProperties.setProperty("bootstrap.servers", kafka.bootstrapServers());
        WrongCredentials.rightClientProperties(kafka)
                .forEach((key, value) -> probeProperties.put(key, value));
        try (ConsumerGroupLagProbe probe = ConsumerGroupLagProbe.create(probeProperties)) {
            assertThat(probe.probe(group))
                    .hasSize(2)
                    .allSatisfy(lag -> assertThat(lag.lagRecords()).isZero());
        }
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void theLagProbeWithWrongCredentialsFailsAtOnceNamingServersAndSettings(
            WrongCredentials credentials) {
        long start = System.nanoTime();
        Throwable failure;
        try (ConsumerGroupLagProbe probe =
                ConsumerGroupLagProbe.create(credentials.clientProperties(kafka))) {
            failure = catchThrowable(() -> probe.probe("any-group"));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        assertThat(failure)
                .isInstanceOf(LagProbeException.class)
                .hasMessageContaining("group 'any-group'")
                .hasMessageContaining("Authentication failed: Kafka at " + kafka.bootstrapServers())
                .hasMessageContaining("security.protocol")
                .hasMessageContaining("sasl.mechanism")
                .hasMessageContaining("sasl.jaas.config");
        assertThat(ExceptionUtils.stringifyException(failure))
                .doesNotContain(WrongCredentials.PASSWORD);
    }

    /** The builder with the bootstrap servers and each security setting set separately. */
    private static KafkaBridgeSourceBuilder<String> withRightCredentials(
            KafkaBridgeSourceBuilder<String> builder) {
        Properties right = WrongCredentials.rightClientProperties(kafka);
        return builder.setBootstrapServers(kafka.bootstrapServers())
                .setProperty("security.protocol", right.getProperty("security.protocol"))
                .setProperty("sasl.mechanism", right.getProperty("sasl.mechanism"))
                .setProperty("sasl.jaas.config", right.getProperty("sasl.jaas.config"));
    }

    private static KafkaBridgeSinkBuilder<String> withRightCredentials(
            KafkaBridgeSinkBuilder<String> b) {
        Properties right = WrongCredentials.rightClientProperties(kafka);
        return b.setBootstrapServers(kafka.bootstrapServers())
                .setProperty("security.protocol", right.getProperty("security.protocol"))
                .setProperty("sasl.mechanism", right.getProperty("sasl.mechanism"))
                .setProperty("sasl.jaas.config", right.getProperty("sasl.jaas.config"));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            offsets.forEach((tp, om) -> result.put(tp, om.offset()));
            return result;
        } catch (Exception e) {
            throw new AssertionError("Could not list the offsets of group " + group, e);
        }
    }

    private static void awaitCondition(
            BooleanSupplier condition, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Rejects values starting with "poison". */
    private static final class RejectPoison implements KafkaRecordDeserializer<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                throws IOException {
            String value = new String(record.value(), UTF_8);
            if (value.startsWith("poison")) {
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
