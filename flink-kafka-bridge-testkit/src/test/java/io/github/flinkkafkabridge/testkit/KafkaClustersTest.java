package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failures that happen before any cluster is started or reached. */
class KafkaClustersTest {

    @Test
    void badSelectionFailsBeforeStartingAnything() {
        assertThatThrownBy(
                        () ->
                                KafkaClusters.fromProperties(
                                        Map.of("kafka.bridge.cluster", "kubernetes"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kubernetes'")
                .hasMessageContaining("kafka.bridge.cluster");
    }

    @Test
    void managedBrokerPropertyFailsBeforeStartingAnything() {
        assertThatThrownBy(
                        () ->
                                KafkaClusters.fromProperties(
                                        Map.of(), Map.of("controller.quorum.voters", "1@x:1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'controller.quorum.voters'");
    }

    @Test
    void constantsMatchTheDocumentedNames() {
        assertThat(KafkaClusters.BOOTSTRAP_SERVERS_PROPERTY)
                .isEqualTo("kafka.bridge.bootstrap.servers");
        assertThat(KafkaClusters.CLUSTER_PROPERTY).isEqualTo("kafka.bridge.cluster");
        assertThat(KafkaClusters.CLIENT_PROPERTY_PREFIX).isEqualTo("kafka.bridge.client.");
    }
}
