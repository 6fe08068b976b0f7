package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.testkit.internal.PortAllocator;
import io.github.flinkkafkabridge.testkit.internal.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaClustersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void embeddedByDefaultWithBrokerProperties() throws Exception {
        try (KafkaCluster cluster =
                KafkaClusters.fromProperties(
                        Map.of(), Map.of("transaction.max.timeout.ms", "60000"))) {
            assertThat(cluster).isInstanceOf(EmbeddedKafkaCluster.class);
            String topic = TopicNames.unique("default");
            cluster.createTopic(topic, 2);
            KafkaTestRecords.produceStrings(cluster, topic, List.of("a", "b"));
            assertThat(KafkaTestRecords.consumeStrings(cluster, topic, 2, TIMEOUT))
                    .containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void externalClusterGetsClientPropertiesAndIsNotStoppedOnClose() {
        try (EmbeddedKafkaCluster running = EmbeddedKafkaCluster.start()) {
            Map<String, String> properties =
                    Map.of(
                            "kafka.bridge.bootstrap.servers", running.bootstrapServers(),
                            "kafka.bridge.client.client.id", "testkit-external",
                            "kafka.bridge.client.request.timeout.ms", "20000");
            String topic = TopicNames.unique("external");

            try (KafkaCluster external =
                    KafkaClusters.fromProperties(
                            properties, Map.of("num.partitions", "9"))) { // ignored, with a WARN
                assertThat(external).isNotInstanceOf(EmbeddedKafkaCluster.class);
                assertThat(external.bootstrapServers()).isEqualTo(running.bootstrapServers());
                assertThat(external.clientProperties())
                        .containsEntry("bootstrap.servers", running.bootstrapServers())
                        .containsEntry("client.id", "testkit-external")
                        .containsEntry("request.timeout.ms", "20000")
                        .hasSize(3);
                external.clientProperties().put("mutated", "only the copy");
                assertThat(external.clientProperties()).doesNotContainKey("mutated");

                external.createTopic(topic, 2);
                KafkaTestRecords.produceStrings(external, topic, List.of("x", "y"));
            }

            // Closing the external view left the cluster running, data included.
            assertThat(KafkaTestRecords.consumeStrings(running, topic, 2, TIMEOUT))
                    .containsExactlyInAnyOrder("x", "y");
        }
    }

    @Test
    void unreachableExternalClusterFailsNamingTheAddress() {
        String nobody = PortAllocator.HOST + ":" + PortAllocator.ephemeral().nextPort();

        Throwable error =
                catchThrowable(
                        () ->
                                KafkaClusters.fromProperties(
                                        Map.of("kafka.bridge.bootstrap.servers", nobody),
                                        Map.of(),
                                        Map.of(),
                                        Duration.ofSeconds(2)));

        assertThat(error)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("external Kafka cluster at " + nobody)
                .hasMessageContaining("2 s");
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void wrongSecuritySettingsFailFastWithoutLeakingSecrets() {
        try (EmbeddedKafkaCluster running = EmbeddedKafkaCluster.start()) {
            Map<String, String> properties =
                    Map.of(
                            "kafka.bridge.bootstrap.servers",
                            running.bootstrapServers(),
                            "kafka.bridge.client.security.protocol",
                            "SASL_PLAINTEXT",
                            "kafka.bridge.client.sasl.mechanism",
                            "PLAIN",
                            "kafka.bridge.client.sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule"
                                    + " required username=\"u\" password=\"s3cret\";");

            long startNanos = System.nanoTime();
            Throwable error =
                    catchThrowable(
                            () ->
                                    KafkaClusters.fromProperties(
                                            properties,
                                            Map.of(),
                                            Map.of(),
                                            Duration.ofSeconds(20)));
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(error)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(running.bootstrapServers())
                    .hasMessageContaining("answered describeCluster")
                    .hasMessageNotContaining("s3cret");
            assertThat(took)
                    .as("bad credentials fail at once instead of after the timeout")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void containerNeedsDocker() {
        boolean dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        Throwable error = null;
        try (KafkaCluster cluster =
                KafkaClusters.fromProperties(
                        Map.of("kafka.bridge.cluster", "container"), Map.of())) {
            // Only with a Docker engine: then the container must work like any cluster.
            String topic = TopicNames.unique("container");
            cluster.createTopic(topic, 1);
            KafkaTestRecords.produceStrings(cluster, topic, List.of("in-docker"));
            assertThat(KafkaTestRecords.consumeStrings(cluster, topic, 1, TIMEOUT))
                    .containsExactly("in-docker");
        } catch (IllegalStateException e) {
            error = e;
        }

        if (dockerAvailable) {
            assertThat(error).as("a container cluster with Docker available").isNull();
        } else {
            assertThat(error)
                    .as("a container cluster without Docker")
                    .isNotNull()
                    .hasMessageContaining("needs a Docker engine")
                    .hasMessageContaining("-Dkafka.bridge.cluster=embedded");
        }
    }
}
