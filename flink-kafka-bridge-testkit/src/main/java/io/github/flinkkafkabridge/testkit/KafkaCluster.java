package io.github.flinkkafkabridge.testkit;

import io.github.flinkkafkabridge.testkit.internal.FeatureLevels;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * A running Kafka cluster usable by tests and local runs: an {@link EmbeddedKafkaCluster} in this
 * JVM, a Testcontainers container or an external cluster, as chosen by {@link KafkaClusters}.
 *
 * <p>Topic operations return only once the change is usable: {@link #createTopic} and {@link
 * #addPartitions} wait until every partition answers {@code Admin.listOffsets}, because a partition
 * can report a leader before it accepts writes, and an idempotent producer that writes too early
 * loses its first batch. Each operation waits at most {@link #TOPIC_OPERATION_TIMEOUT} and then
 * fails with an {@link IllegalStateException} naming the topic, the cluster and what is still
 * missing. Every method fails the same way when the cluster refuses the request (the topic already
 * exists, does not exist, ...).
 * <!-- snippet: kafka-cluster -->
 *
 * <pre>{@code
 * try (KafkaCluster kafka = KafkaClusters.fromSystemProperties()) {
 *     kafka.createTopic(topic, 4);
 *     KafkaTestRecords.produceStrings(kafka, topic, List.of("a", "b", "c"));
 *     return KafkaTestRecords.consumeStrings(kafka, topic, 3, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. {@link #close()} is idempotent; it stops a cluster the test
 * kit started and only disconnects from an external one.
 */
public interface KafkaCluster extends AutoCloseable {

    /**
     * How long {@link #createTopic}, {@link #addPartitions} and {@link #deleteTopic} wait: 30 s.
     */
    Duration TOPIC_OPERATION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The feature that selects the transaction protocol. Levels 0 and 1 run transaction protocol 1:
     * a producer keeps its epoch across the transactions of a session, as on every broker before
     * Kafka 4.0 and on clusters upgraded without finalizing this feature (level 0; level 1 changes
     * only the transaction coordinator's log format). Level 2 runs protocol 2 (KIP-890): the
     * coordinator bumps the epoch at every commit and abort. Clients use protocol 2 only when the
     * cluster finalizes level 2 or higher.
     */
    String TRANSACTION_VERSION = "transaction.version";

    /** The bootstrap address, such as {@code 127.0.0.1:41234}. */
    String bootstrapServers();

    /**
     * Client properties to reach the cluster: {@code bootstrap.servers} plus any security settings
     * given for an external cluster. A fresh mutable copy each call, to add client settings to.
     */
    Properties clientProperties();

    /** A new Admin client built from {@link #clientProperties()}; the caller closes it. */
    default Admin createAdmin() {
        return Admin.create(clientProperties());
    }

    /**
     * The level at which the cluster has finalized a feature ({@code Admin#describeFeatures}), such
     * as {@value #TRANSACTION_VERSION}; 0 when the cluster does not list it, which is how Kafka
     * reports a feature at level 0 and how brokers older than the feature behave.
     *
     * @throws IllegalStateException if the cluster does not answer within {@link
     *     #TOPIC_OPERATION_TIMEOUT}
     */
    default int finalizedFeatureLevel(String feature) {
        try (Admin admin = createAdmin()) {
            return FeatureLevels.levelOf(
                    FeatureLevels.finalized(admin, TOPIC_OPERATION_TIMEOUT, bootstrapServers()),
                    feature);
        }
    }

    /**
     * Creates a topic with the cluster's default replication factor and returns once every
     * partition accepts writes.
     *
     * @param topic the topic name; only {@code [a-zA-Z0-9._-]}, at most 249 characters
     * @param partitions the partition count, at least 1
     * @throws IllegalArgumentException if the name or partition count is invalid
     * @throws IllegalStateException if the topic exists, or is not ready within {@link
     *     #TOPIC_OPERATION_TIMEOUT}
     */
    default void createTopic(String topic, int partitions) {
        createTopic(topic, partitions, java.util.Map.of());
    }

    /**
     * Creates a topic with topic-level configs (such as {@code cleanup.policy}) and returns once
     * every partition accepts writes.
     *
     * @param topic the topic name; only {@code [a-zA-Z0-9._-]}, at most 249 characters
     * @param partitions the partition count, at least 1
     * @param topicConfigs topic configs; neither keys nor values may be null
     * @throws IllegalArgumentException if the name or partition count is invalid
     * @throws IllegalStateException if the topic exists, a config is rejected, or the topic is not
     *     ready within {@link #TOPIC_OPERATION_TIMEOUT}
     */
    void createTopic(String topic, int partitions, Map<String, String> topicConfigs);

    /**
     * Grows a topic to {@code totalPartitions} partitions and returns once the new partitions
     * accept writes.
     *
     * @throws IllegalStateException if the topic does not exist, already has that many partitions
     *     or more, or the new partitions are not ready within {@link #TOPIC_OPERATION_TIMEOUT}
     */
    void addPartitions(String topic, int totalPartitions);

    /**
     * Deletes a topic and returns once the cluster no longer lists it, so the name can be reused.
     *
     * @throws IllegalStateException if the topic does not exist or the deletion does not complete
     *     within {@link #TOPIC_OPERATION_TIMEOUT}
     */
    void deleteTopic(String topic);

    /**
     * Stops the cluster if the test kit started it (and removes its data), or disconnects from an
     * external one. Idempotent; never throws a checked exception.
     */
    @Override
    void close();
}
