package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.testkit.KafkaClusters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSelectionTest {

    @Test
    void embeddedByDefault() {
        assertThat(ClusterSelection.select(Map.of())).isEqualTo(new ClusterSpec.Embedded());
        assertThat(ClusterSelection.select(Map.of("kafka.bridge.cluster", "embedded")))
                .isEqualTo(new ClusterSpec.Embedded());
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(
                        ClusterSelection.select(
                                Map.of(
                                        "kafka.bridge.cluster", " ",
                                        "kafka.bridge.bootstrap.servers", "")))
                .isEqualTo(new ClusterSpec.Embedded());
    }

    @Test
    void externalWhenBootstrapServersAreSet() {
        ClusterSpec spec =
                ClusterSelection.select(
                        Map.of(
                                "kafka.bridge.bootstrap.servers", " broker-1:9092,broker-2:9092 ",
                                "kafka.bridge.client.security.protocol", "SASL_SSL",
                                "kafka.bridge.client.sasl.mechanism", "PLAIN",
                                "unrelated.property", "x"));

        assertThat(spec)
                .isEqualTo(
                        new ClusterSpec.External(
                                "broker-1:9092,broker-2:9092",
                                Map.of(
                                        "security.protocol", "SASL_SSL",
                                        "sasl.mechanism", "PLAIN")));
    }

    @Test
    void explicitExternalNeedsBootstrapServers() {
        assertThat(
                        ClusterSelection.select(
                                Map.of(
                                        "kafka.bridge.cluster", "EXTERNAL",
                                        "kafka.bridge.bootstrap.servers", "b:9092")))
                .isEqualTo(new ClusterSpec.External("b:9092", Map.of()));
        assertThatThrownBy(
                        () -> ClusterSelection.select(Map.of("kafka.bridge.cluster", "external")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dkafka.bridge.cluster=external")
                .hasMessageContaining("-Dkafka.bridge.bootstrap.servers");
    }

    @Test
    void containerWithDefaultOrGivenImage() {
        assertThat(ClusterSelection.select(Map.of("kafka.bridge.cluster", "Container")))
                .isEqualTo(new ClusterSpec.Container(KafkaClusters.DEFAULT_CONTAINER_IMAGE));
        assertThat(
                        ClusterSelection.select(
                                Map.of(
                                        "kafka.bridge.cluster", "container",
                                        "kafka.bridge.container.image", "apache/kafka:4.0.0")))
                .isEqualTo(new ClusterSpec.Container("apache/kafka:4.0.0"));
    }

    @Test
    void startedClusterPlusBootstrapServersIsAContradiction() {
        for (String kind : new String[] {"embedded", "container"}) {
            assertThatThrownBy(
                            () ->
                                    ClusterSelection.select(
                                            Map.of(
                                                    "kafka.bridge.cluster",
                                                    kind,
                                                    "kafka.bridge.bootstrap.servers",
                                                    "b:9092")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dkafka.bridge.cluster=" + kind)
                    .hasMessageContaining("-Dkafka.bridge.bootstrap.servers=b:9092");
        }
    }

    @Test
    void unknownKindListsTheAcceptedOnes() {
        assertThatThrownBy(() -> ClusterSelection.select(Map.of("kafka.bridge.cluster", "docker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("embedded, container, external");
    }

    @Test
    void clientPropertyWithoutKeyIsRejected() {
        assertThatThrownBy(
                        () ->
                                ClusterSelection.select(
                                        Map.of(
                                                "kafka.bridge.bootstrap.servers", "b:9092",
                                                "kafka.bridge.client.", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kafka.bridge.client.'");
    }

    @Test
    void externalSpecDoesNotPrintClientPropertyValues() {
        ClusterSpec spec =
                new ClusterSpec.External(
                        "b:9092",
                        Map.of("sasl.jaas.config", "PlainLoginModule password=\"s3cret\";"));

        assertThat(spec.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }

    @Test
    void systemPropertiesSnapshotIsACopy() {
        Map<String, String> snapshot = ClusterSelection.systemProperties();

        assertThat(snapshot).containsEntry("java.version", System.getProperty("java.version"));
    }
}
