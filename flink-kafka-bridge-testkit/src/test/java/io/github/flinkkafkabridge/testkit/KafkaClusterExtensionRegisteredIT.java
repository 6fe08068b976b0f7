package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered as a static field, with a broker property. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaClusterExtensionRegisteredIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA =
            new KafkaClusterExtension().withBrokerProperty("transaction.max.timeout.ms", "60000");

    @Test
    void fieldAndParameterAreTheSameCluster(KafkaCluster cluster) {
        assertThat(KAFKA.cluster()).isSameAs(cluster);
        assertThat(KAFKA.bootstrapServers()).isEqualTo(cluster.bootstrapServers());
    }

    @Test
    void brokerPropertyReachesTheBroker() throws Exception {
        try (Admin admin = KAFKA.cluster().createAdmin()) {
            Node node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
            ConfigResource broker =
                    new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(node.id()));
            Config config =
                    admin.describeConfigs(List.of(broker))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(broker);

            assertThat(config.get("transaction.max.timeout.ms").value()).isEqualTo("60000");
        }
    }

    @Test
    void createsUniqueTopicsReadyForWrites() throws Exception {
        String first = KAFKA.createTopic("orders", 3);
        String second = KAFKA.createTopic("orders", 1);

        assertThat(first).startsWith("orders-").isNotEqualTo(second);
        try (Admin admin = KAFKA.cluster().createAdmin()) {
            TopicDescription description =
                    admin.describeTopics(List.of(first))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(first);
            assertThat(description.partitions()).hasSize(3);
        }
        KafkaTestRecords.produceStrings(KAFKA.cluster(), first, List.of("a", "b", "c"));
        assertThat(
                        KafkaTestRecords.consumeStrings(
                                KAFKA.cluster(), first, 3, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void brokerPropertiesCannotChangeOnceStarted() {
        assertThatThrownBy(() -> KAFKA.withBrokerProperty("num.partitions", "2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'num.partitions'")
                .hasMessageContaining("already started");
    }
}
