package io.github.flinkkafkabridge.testkit.internal;

import io.github.flinkkafkabridge.testkit.KafkaCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka in a Docker container, started through Testcontainers. The only class that
 * touches Testcontainers types: it is loaded only when a container is asked for, after {@link
 * TestcontainersSupport} checked the dependency is present. Thread-safe.
 */
final class ContainerKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafkaCluster.class);

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaContainer container;
    private final String bootstrapServers;
    private final ClusterOperations operations;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerKafkaCluster(KafkaContainer container) {
        this.container = container;
        this.bootstrapServers = container.getBootstrapServers();
        this.operations =
                new ClusterOperations(
                        bootstrapServers, this::clientProperties, TOPIC_OPERATION_TIMEOUT);
    }

    static ContainerKafkaCluster start(String image) {
        boolean dockerAvailable;
        try {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            dockerAvailable = false;
        }
        if (!dockerAvailable) {
            throw new IllegalStateException(
                    "-Dkafka.bridge.cluster=container needs a Docker engine, but Testcontainers"
                            + " found none (check DOCKER_HOST or ~/.testcontainers.properties);"
                            + " use -Dkafka.bridge.cluster=embedded to run Kafka in this JVM"
                            + " instead");
        }
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image));
        long startNanos = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new IllegalStateException(
                    "Could not start a Kafka container from image '"
                            + image
                            + "': "
                            + Exceptions.describe(e),
                    e);
        }
        ContainerKafkaCluster cluster = new ContainerKafkaCluster(container);
        try {
            cluster.operations.awaitReachable(REACH_TIMEOUT, "the Kafka container to answer");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Started Kafka container {} at {} in {} ms",
                image,
                cluster.bootstrapServers,
                (System.nanoTime() - startNanos) / 1_000_000);
        return cluster;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            operations.close();
            container.close();
            LOG.info("Stopped Kafka container at {}", bootstrapServers);
        }
    }

    @Override
    public String toString() {
        return "ContainerKafkaCluster[" + bootstrapServers + "]";
    }
}
