package io.github.flinkkafkabridge.sink.testing;

import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import org.apache.flink.connector.testframe.TestResource;

/** The in-process broker as the connector testing framework's external system. */
public final class EmbeddedKafkaResource implements TestResource {

    private volatile KafkaCluster cluster;

    @Override
    public void startUp() {
        cluster = EmbeddedKafkaCluster.start();
    }

    @Override
    public void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster. */
    public KafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The embedded Kafka cluster is not started");
        }
        return cluster;
    }
}
