package io.github.flinkkafkabridge.examples;

import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;

/**
 * The embedded defaults of the examples: an in-process Kafka broker, started when no bootstrap
 * address is given. Kept in its own class so that a job run on a real cluster (with {@code
 * --bootstrap-servers}) never loads the broker's classes.
 */
public final class EmbeddedDefaults implements AutoCloseable {

    private final EmbeddedKafkaCluster cluster;

    private EmbeddedDefaults(EmbeddedKafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts the broker and says where it listens. */
    public static EmbeddedDefaults start() {
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start();
        System.out.println("Started an in-process Kafka broker at " + cluster.bootstrapServers());
        return new EmbeddedDefaults(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates each topic with 4 partitions, ready for writes. */
    public void createTopics(String... topics) {
        for (String topic : topics) {
            cluster.createTopic(topic, 4);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
