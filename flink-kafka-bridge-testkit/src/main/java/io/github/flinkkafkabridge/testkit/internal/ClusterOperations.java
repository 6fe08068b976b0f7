package io.github.flinkkafkabridge.testkit.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration shared by every kind of cluster: create, grow and delete topics, and wait
 * until they really accept writes. Holds one {@link Admin} client, created on first use and closed
 * by {@link #close()}. Thread-safe: {@code Admin} is, and the lazy creation is synchronized.
 *
 * <p>Creating or growing a topic returns only once {@link TopicReadiness} sees every partition
 * accept writes.
 */
public final class ClusterOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterOperations.class);

    private final String clusterName;
    private final Supplier<Properties> clientProperties;
    private final Duration timeout;

    @Nullable private Admin admin;
    private boolean closed;

    /**
     * @param clusterName how messages name the cluster, usually its bootstrap address
     * @param clientProperties the properties for the Admin client
     * @param timeout how long one operation (including its wait for readiness) may take
     */
    public ClusterOperations(
            String clusterName, Supplier<Properties> clientProperties, Duration timeout) {
        this.clusterName = clusterName;
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    /** The shared Admin client, created on first use. */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("The Kafka cluster at " + clusterName + " is closed");
        }
        if (admin == null) {
            admin = Admin.create(clientProperties.get());
        }
        return admin;
    }

    /**
     * Waits until the cluster answers {@code describeCluster} with at least one broker.
     *
     * @param waitFor how long to wait
     * @param whatFor words for the error message, such as {@code "the embedded broker to start"}
     */
    public void awaitReachable(Duration waitFor, String whatFor) {
        Deadline deadline = Deadline.after(waitFor);
        String lastProblem = "no answer yet";
        while (true) {
            try {
                Collection<Node> nodes =
                        admin().describeCluster(
                                        new DescribeClusterOptions()
                                                .timeoutMs(Polling.remainingProbeMillis(deadline)))
                                .nodes()
                                .get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
                lastProblem = "it reports no brokers";
            } catch (ExecutionException e) {
                Throwable cause = Exceptions.unwrap(e);
                if (!Polling.isRetriable(cause)) {
                    // Bad credentials or settings do not heal by waiting.
                    throw new IllegalStateException(
                            "The Kafka cluster at "
                                    + clusterName
                                    + " answered describeCluster with "
                                    + Exceptions.describe(cause)
                                    + " while waiting for "
                                    + whatFor,
                            cause);
                }
                lastProblem = Exceptions.describe(cause);
            } catch (TimeoutException e) {
                lastProblem = "no answer to describeCluster";
            } catch (InterruptedException e) {
                throw Polling.interrupted("waiting for " + whatFor, e);
            }
            if (!deadline.hasTimeLeft()) {
                throw new IllegalStateException(
                        "Timed out after "
                                + deadline.describeTimeout()
                                + " waiting for "
                                + whatFor
                                + ": the Kafka cluster at "
                                + clusterName
                                + " did not answer describeCluster ("
                                + lastProblem
                                + ")");
            }
            Polling.pause(deadline, whatFor);
        }
    }

    /** Creates a topic with the cluster's default replication factor and waits until writable. */
    public void createTopic(String topic, int partitions, Map<String, String> topicConfigs) {
        TopicNames.checkValid(topic);
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "Topic '" + topic + "' needs at least 1 partition, got " + partitions);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        topicConfigs.forEach(
                (key, value) ->
                        configs.put(
                                Objects.requireNonNull(key, "topic config key must not be null"),
                                Objects.requireNonNull(
                                        value,
                                        () -> "topic config '" + key + "' must not be null")));
        Deadline deadline = Deadline.after(timeout);
        NewTopic newTopic =
                new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(configs);
        String action =
                "create topic '"
                        + topic
                        + "' with "
                        + partitions
                        + " partition(s)"
                        + (configs.isEmpty() ? "" : " and configs " + configs);
        await(
                admin().createTopics(
                                List.of(newTopic),
                                new CreateTopicsOptions()
                                        .timeoutMs(deadline.remainingMillisForKafka()))
                        .all(),
                deadline,
                action,
                error ->
                        error instanceof TopicExistsException
                                ? "Cannot "
                                        + action
                                        + " on "
                                        + clusterName
                                        + ": it already exists ("
                                        + Exceptions.describe(error)
                                        + ")"
                                : null);
        TopicReadiness.awaitWritable(admin(), clusterName, topic, partitions, deadline);
        LOG.debug("Created topic '{}' with {} partition(s) on {}", topic, partitions, clusterName);
    }

    /** Grows a topic to {@code totalPartitions} and waits until every partition is writable. */
    public void addPartitions(String topic, int totalPartitions) {
        TopicNames.checkValid(topic);
        if (totalPartitions < 1) {
            throw new IllegalArgumentException(
                    "Topic '"
                            + topic
                            + "' cannot grow to "
                            + totalPartitions
                            + " partitions; the total must be at least 1");
        }
        Deadline deadline = Deadline.after(timeout);
        String action = "grow topic '" + topic + "' to " + totalPartitions + " partitions";
        await(
                admin().createPartitions(
                                Map.of(topic, NewPartitions.increaseTo(totalPartitions)),
                                new CreatePartitionsOptions()
                                        .timeoutMs(deadline.remainingMillisForKafka()))
                        .all(),
                deadline,
                action,
                error -> missingTopicMessage(action, error));
        TopicReadiness.awaitWritable(admin(), clusterName, topic, totalPartitions, deadline);
        LOG.debug("Grew topic '{}' to {} partitions on {}", topic, totalPartitions, clusterName);
    }

    /** Deletes a topic and waits until the cluster no longer lists it. */
    public void deleteTopic(String topic) {
        TopicNames.checkValid(topic);
        Deadline deadline = Deadline.after(timeout);
        String action = "delete topic '" + topic + "'";
        await(
                admin().deleteTopics(
                                List.of(topic),
                                new DeleteTopicsOptions()
                                        .timeoutMs(deadline.remainingMillisForKafka()))
                        .all(),
                deadline,
                action,
                error -> missingTopicMessage(action, error));
        // Until the deletion reaches the brokers' metadata, creating the same name fails.
        while (true) {
            Collection<String> names =
                    await(
                            admin().listTopics(
                                            new ListTopicsOptions()
                                                    .timeoutMs(
                                                            Polling.remainingProbeMillis(deadline)))
                                    .names(),
                            deadline,
                            "list topics after deleting '" + topic + "'",
                            error -> null);
            if (!names.contains(topic)) {
                LOG.debug("Deleted topic '{}' on {}", topic, clusterName);
                return;
            }
            if (!deadline.hasTimeLeft()) {
                throw new IllegalStateException(
                        "Topic '"
                                + topic
                                + "' was deleted but the Kafka cluster at "
                                + clusterName
                                + " still lists it after "
                                + deadline.describeTimeout());
            }
            Polling.pause(deadline, "the deletion of topic '" + topic + "'");
        }
    }

    @Override
    public void close() {
        Admin toClose;
        synchronized (this) {
            closed = true;
            toClose = admin;
            admin = null;
        }
        if (toClose != null) {
            toClose.close(Duration.ofSeconds(5));
        }
    }

    @Nullable
    private String missingTopicMessage(String action, Throwable error) {
        return error instanceof UnknownTopicOrPartitionException
                ? "Cannot " + action + " on " + clusterName + ": the topic does not exist"
                : null;
    }

    /** Explains a failure, or returns null to use the generic message. */
    @FunctionalInterface
    private interface FailureExplainer {
        @Nullable
        String explain(Throwable error);
    }

    private <T> T await(
            KafkaFuture<T> future, Deadline deadline, String action, FailureExplainer explainer) {
        try {
            // A little slack beyond the deadline: the Kafka call has its own timeout and reports
            // a more precise error than our own timeout would.
            return future.get(deadline.remaining().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Exceptions.unwrap(e);
            String explained = explainer.explain(cause);
            throw new IllegalStateException(
                    explained != null
                            ? explained
                            : "Could not "
                                    + action
                                    + " on "
                                    + clusterName
                                    + ": "
                                    + Exceptions.describe(cause),
                    cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Could not "
                            + action
                            + " on "
                            + clusterName
                            + " within "
                            + deadline.describeTimeout(),
                    e);
        } catch (InterruptedException e) {
            throw Polling.interrupted("trying to " + action, e);
        }
    }
}
