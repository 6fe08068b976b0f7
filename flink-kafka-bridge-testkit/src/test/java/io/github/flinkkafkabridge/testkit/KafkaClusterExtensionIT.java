package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension declared with {@code @ExtendWith}, the cluster injected as a parameter. */
@ExtendWith(KafkaClusterExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaClusterExtensionIT {

    private static KafkaCluster fromBeforeAll;

    private final KafkaCluster fromConstructor;
    private KafkaCluster fromBeforeEach;

    KafkaClusterExtensionIT(KafkaCluster cluster) {
        this.fromConstructor = cluster;
    }

    @BeforeAll
    static void rememberCluster(KafkaCluster cluster) {
        fromBeforeAll = cluster;
    }

    @BeforeEach
    void rememberClusterForEach(KafkaCluster cluster) {
        fromBeforeEach = cluster;
    }

    @Test
    void injectsTheSameRunningClusterEverywhere(KafkaCluster cluster) {
        assertThat(cluster)
                .isInstanceOf(EmbeddedKafkaCluster.class)
                .isSameAs(fromBeforeAll)
                .isSameAs(fromConstructor)
                .isSameAs(fromBeforeEach);
        assertThat(((EmbeddedKafkaCluster) cluster).isClosed()).isFalse();
    }

    @Test
    void injectedClusterWorks(KafkaCluster cluster) {
        String topic = "injected-" + System.nanoTime();
        cluster.createTopic(topic, 2);
        KafkaTestRecords.produceStrings(cluster, topic, List.of("one", "two"));

        assertThat(KafkaTestRecords.consumeStrings(cluster, topic, 2, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("one", "two");
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheClusterOfTheEnclosingClass(KafkaCluster cluster) {
            assertThat(cluster).isSameAs(fromBeforeAll);
            assertThat(((EmbeddedKafkaCluster) cluster).isClosed()).isFalse();
        }
    }
}
