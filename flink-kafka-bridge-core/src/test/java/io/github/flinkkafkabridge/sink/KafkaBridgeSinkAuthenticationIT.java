package io.github.flinkkafkabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.metrics.SinkCommitterMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.committer.KafkaCommitter;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.testing.RecordingCommitRequest;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testing.WrongCredentials;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sink against a broker that authenticates clients with SASL/PLAIN: wrong credentials fail the
 * job at once with a message naming the servers and the settings to check, and never the password.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaBridgeSinkAuthenticationIT {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(2);

    /** Far below the library's client timeouts (max.block.ms 30 s, delivery 60 s). */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(15);

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = WrongCredentials.startCluster();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static List<Arguments> guaranteesAndWrongCredentials() {
        return List.of(
                Arguments.of(DeliveryGuarantee.AT_LEAST_ONCE, WrongCredentials.BAD_PASSWORD),
                Arguments.of(DeliveryGuarantee.AT_LEAST_ONCE, WrongCredentials.UNKNOWN_USER),
                Arguments.of(DeliveryGuarantee.EXACTLY_ONCE, WrongCredentials.BAD_PASSWORD),
                Arguments.of(DeliveryGuarantee.EXACTLY_ONCE, WrongCredentials.UNKNOWN_USER));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("guaranteesAndWrongCredentials")
    void wrongCredentialsFailTheJobAtOnceNamingServersAndSettings(
            DeliveryGuarantee guarantee, WrongCredentials credentials) {
        String topic =
                "sink-" + guarantee.name().toLowerCase(Locale.ROOT) + "-" + credentials.name();
        kafka.createTopic(topic, 1);
        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(1, Duration.ofMillis(500), 0);
        env.fromData("a", "b")
                .returns(Types.STRING)
                .sinkTo(
                        KafkaBridgeSink.<String>builder()
                                .setProperties(credentials.clientProperties(kafka))
                                .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                                .setDeliveryGuarantee(guarantee)
                                .setTransactionalIdPrefix("auth-" + topic)
                                .build());

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> env.execute("sink with " + credentials));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        WrongCredentials.assertExplained(failure, kafka, "KafkaBridgeSink");
    }

    @Test
    void theCommitterFailsAtOnceWithWrongCredentialsAndTheTransactionStaysCommittable()
            throws Exception {
        String topic = "sink-committer";
        kafka.createTopic(topic, 1);
        String id = "auth-committer-0";
        ProducerSession session = prepareTransaction(id, topic, "prepared");

        RecordingCommitRequest rejected =
                new RecordingCommitRequest(new KafkaCommittable(id, session));
        long start = System.nanoTime();
        committer(WrongCredentials.BAD_PASSWORD.clientProperties(kafka), topic)
                .commit(List.of(rejected));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        assertThat(rejected.outcome).isEqualTo("failed");
        assertThat(rejected.failure).hasMessageContaining(id);
        WrongCredentials.assertExplained(rejected.failure, kafka, "KafkaBridgeSink committer");

        // Nothing is lost: with the right credentials the same transaction commits.
        RecordingCommitRequest accepted =
                new RecordingCommitRequest(new KafkaCommittable(id, session));
        committer(WrongCredentials.rightClientProperties(kafka), topic).commit(List.of(accepted));
        assertThat(accepted.outcome).isNull();
        assertThat(KafkaTestRecords.consumeStrings(kafka, topic, 1, Duration.ofSeconds(30)))
                .containsExactly("prepared");
    }

    /** Writes {@code value} in a transaction and leaves it open, as a writer at a checkpoint. */
    private static ProducerSession prepareTransaction(String id, String topic, String value) {
        Properties props = WrongCredentials.rightClientProperties(kafka);
        props.setProperty("transactional.id", id);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            ProducerSession session = KafkaTransactionInternals.session(producer);
            producer.close(Duration.ZERO);
            return session;
        }
    }

    private static KafkaCommitter committer(Properties clientProperties, String topic) {
        SinkSettings<String> settings =
                new SinkSettings<>(
                        clientProperties,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        KafkaRecordSerializer.utf8String(topic),
                        null,
                        "auth-committer",
                        5,
                        SendErrorPolicy.fail(),
                        "sink-id");
        return new KafkaCommitter(
                settings, SinkCommitterMetrics.register(new MetricListener().getMetricGroup()));
    }
}
