package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded cluster with a SASL_PLAINTEXT/PLAIN client listener. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaClusterSaslIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startCluster() {
        kafka =
                EmbeddedKafkaCluster.builder()
                        .withSaslPlainUsers(Map.of("alice", "alice-secret"))
                        .start();
    }

    @AfterAll
    static void stopCluster() {
        kafka.close();
    }

    @Test
    void theTestKitWorksThroughItsAdminUser() {
        assertThat(kafka.clientProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN");
        String topic = "sasl-testkit";
        kafka.createTopic(topic, 2);
        KafkaTestRecords.produceStrings(kafka, topic, List.of("a", "b"));

        assertThat(KafkaTestRecords.consumeStrings(kafka, topic, 2, TIMEOUT))
                .containsExactlyInAnyOrder("a", "b");
        kafka.deleteTopic(topic);
    }

    @Test
    void aGivenUserWritesWithItsPassword() throws Exception {
        String topic = "sasl-alice";
        kafka.createTopic(topic, 1);
        Properties props = kafka.saslPlainClientProperties("alice", "alice-secret");
        // Transactions make the broker write markers to itself over the SASL listener.
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sasl-alice-txn");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "from-alice"));
            producer.commitTransaction();
        }

        assertThat(KafkaTestRecords.consumeStrings(kafka, topic, 1, TIMEOUT))
                .containsExactly("from-alice");
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRejected() {
        for (Properties props :
                List.of(
                        kafka.saslPlainClientProperties("alice", "wrong"),
                        kafka.saslPlainClientProperties("mallory", "alice-secret"))) {
            try (Admin admin = Admin.create(props)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void aPlaintextClusterHasNoSaslClientProperties() {
        try (EmbeddedKafkaCluster plain = EmbeddedKafkaCluster.start()) {
            assertThat(plain.clientProperties()).doesNotContainKey("security.protocol");
            assertThatThrownBy(() -> plain.saslPlainClientProperties("alice", "x"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("withSaslPlainUsers");
        }
    }
}
