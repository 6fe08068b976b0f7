package io.github.flinkkafkabridge.testing;

import io.github.flinkkafkabridge.testkit.KafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaClusters;
import javax.annotation.Nullable;
import org.apache.flink.connector.testframe.TestResource;

/**
 * The Kafka cluster as an external system of Flink's connector test framework: the in-process
 * broker by default, or whatever the test kit's system properties select.
 */
public final class KafkaTestResource implements TestResource {

    @Nullable private KafkaCluster cluster;

    @Override
    public void startUp() {
        cluster = KafkaClusters.fromSystemProperties();
    }

    @Override
    public void tearDown() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster. */
    public KafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The Kafka test resource is not started");
        }
        return cluster;
    }
}
