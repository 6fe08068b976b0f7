package io.github.flinkkafkabridge.testkit.internal;

import io.github.flinkkafkabridge.testkit.KafkaCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster someone else runs, reached through a bootstrap address and optional client settings.
 * {@link #close()} closes only this object's Admin client; the cluster keeps running. Thread-safe.
 */
public final class ExternalKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalKafkaCluster.class);

    private final String bootstrapServers;
    private final Properties clientProperties;
    private final ClusterOperations operations;

    private ExternalKafkaCluster(String bootstrapServers, Map<String, String> extra) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.putAll(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.clientProperties = props;
        this.operations =
                new ClusterOperations(
                        bootstrapServers, this::clientProperties, TOPIC_OPERATION_TIMEOUT);
    }

    /**
     * Connects to the cluster and checks that it answers within {@code reachTimeout}.
     *
     * @param bootstrapServers the bootstrap address
     * @param clientProperties extra client settings; a {@code bootstrap.servers} among them is
     *     replaced by {@code bootstrapServers}
     * @param reachTimeout how long the cluster may take to answer {@code describeCluster}
     * @throws IllegalStateException if the cluster does not answer in time
     */
    public static ExternalKafkaCluster connect(
            String bootstrapServers, Map<String, String> clientProperties, Duration reachTimeout) {
        ExternalKafkaCluster cluster = new ExternalKafkaCluster(bootstrapServers, clientProperties);
        try {
            cluster.operations.awaitReachable(
                    reachTimeout, "the external Kafka cluster at " + bootstrapServers);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Using the external Kafka cluster at {} (extra client properties: {})",
                bootstrapServers,
                new TreeSet<>(clientProperties.keySet()));
        return cluster;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Properties clientProperties() {
        Properties copy = new Properties();
        copy.putAll(clientProperties);
        return copy;
    }

    @Override
    public void createTopic(String topic, int partitions, Map<String, String> topicConfigs) {
        operations.createTopic(topic, partitions, topicConfigs);
    }

    @Override
    public void addPartitions(String topic, int totalPartitions) {
        operations.addPartitions(topic, totalPartitions);
    }

    @Override
    public void deleteTopic(String topic) {
        operations.deleteTopic(topic);
    }

    /** Closes this object's Admin client; the external cluster itself keeps running. */
    @Override
    public void close() {
        operations.close();
    }

    @Override
    public String toString() {
        return "ExternalKafkaCluster[" + bootstrapServers + "]";
    }
}
