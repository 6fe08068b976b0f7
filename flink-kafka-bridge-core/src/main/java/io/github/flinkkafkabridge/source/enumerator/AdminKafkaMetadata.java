package io.github.flinkkafkabridge.source.enumerator;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.ClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link KafkaMetadata} over the Kafka {@link Admin} client, with every call bounded by a timeout
 * and every failure turned into a message that names the cluster and the question. Rejected
 * credentials fail at once with a {@link
 * io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException}.
 */
public final class AdminKafkaMetadata implements KafkaMetadata {

    /** The client named in messages about rejected credentials. */
    static final String CLIENT = "the KafkaBridgeSource enumerator's admin client";

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;
    private final IsolationLevel isolationLevel;

    AdminKafkaMetadata(
            Admin admin, String bootstrapServers, Duration timeout, IsolationLevel isolationLevel) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.isolationLevel = isolationLevel;
    }

    /**
     * Creates the admin client from the consumer properties of the source.
     *
     * @param properties client properties (bootstrap servers, security, ...); consumer-only keys
     *     are ignored by the admin client
     * @param timeout bound of every call
     */
    public static AdminKafkaMetadata create(Properties properties, Duration timeout) {
        Properties adminProps =
                ClientProperties.onlyKeysOf(properties, AdminClientConfig.configNames());
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        adminProps.setProperty("default.api.timeout.ms", String.valueOf(timeoutMs));
        adminProps.setProperty(
                "request.timeout.ms", String.valueOf(Math.max(1, Math.min(timeoutMs, 30_000))));
        String isolation = properties.getProperty("isolation.level", "read_uncommitted");
        IsolationLevel level =
                "read_committed".equalsIgnoreCase(isolation)
                        ? IsolationLevel.READ_COMMITTED
                        : IsolationLevel.READ_UNCOMMITTED;
        return new AdminKafkaMetadata(
                Admin.create(adminProps),
                properties.getProperty("bootstrap.servers", "?"),
                timeout,
                level);
    }

    @Override
    public Set<String> listTopics() {
        return await(
                admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                "the list of topics");
    }

    @Override
    public Map<String, Integer> partitionCounts(Set<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> futures =
                admin.describeTopics(topics).topicNameValues();
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
            try {
                TopicDescription description =
                        await(e.getValue(), "the partitions of topic '" + e.getKey() + "'");
                counts.put(e.getKey(), description.partitions().size());
            } catch (KafkaMetadataException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex;
                }
            }
        }
        return counts;
    }

    @Override
    public Map<TopicPartition, Long> earliestOffsets(Set<TopicPartition> partitions) {
        return listOffsets(partitions, p -> OffsetSpec.earliest(), "earliest offsets");
    }

    @Override
    public Map<TopicPartition, Long> latestOffsets(Set<TopicPartition> partitions) {
        return listOffsets(partitions, p -> OffsetSpec.latest(), "latest offsets");
    }

    @Override
    public Map<TopicPartition, Long> offsetsForTimestamp(
            Set<TopicPartition> partitions, long epochMillis) {
        Map<TopicPartition, Long> offsets =
                listOffsets(
                        partitions,
                        p -> OffsetSpec.forTimestamp(epochMillis),
                        "offsets for timestamp " + epochMillis);
        offsets.values().removeIf(offset -> offset < 0);
        return offsets;
    }

    @Override
    public Map<TopicPartition, Long> committedOffsets(
            String groupId, Set<TopicPartition> partitions) {
        ListConsumerGroupOffsetsSpec spec =
                new ListConsumerGroupOffsetsSpec().topicPartitions(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed =
                await(
                        admin.listConsumerGroupOffsets(Map.of(groupId, spec))
                                .partitionsToOffsetAndMetadata(groupId),
                        "the committed offsets of consumer group '" + groupId + "'");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach(
                (partition, offset) -> {
                    if (offset != null && partitions.contains(partition)) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    private Map<TopicPartition, Long> listOffsets(
            Set<TopicPartition> partitions,
            Function<TopicPartition, OffsetSpec> spec,
            String what) {
        if (partitions.isEmpty()) {
            return new HashMap<>();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec.apply(p)));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                await(
                        admin.listOffsets(request, new ListOffsetsOptions(isolationLevel)).all(),
                        "the " + what + " of " + partitions);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private <V> V await(KafkaFuture<V> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KafkaMetadataException(
                    "Kafka cluster at "
                            + bootstrapServers
                            + " did not answer a request for "
                            + what
                            + " within "
                            + timeout.toSeconds()
                            + " s. Check the bootstrap servers (setBootstrapServers), that"
                            + " the brokers are reachable from the Flink JobManager and that"
                            + " security.protocol (setProperty) matches their listener;"
                            + " the bound is setMetadataTimeout.",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            AuthenticationFailures.rethrowIfAuthentication(cause, CLIENT, bootstrapServers);
            throw new KafkaMetadataException(
                    "Kafka cluster at "
                            + bootstrapServers
                            + " failed a request for "
                            + what
                            + ": "
                            + cause
                            + hint(cause),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaMetadataException(
                    "Interrupted while asking Kafka at " + bootstrapServers + " for " + what, e);
        }
    }

    private static String hint(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return ". The principal lacks a Kafka ACL for this request (Describe on the topics,"
                    + " Describe on the consumer group).";
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return ". Check the bootstrap servers (setBootstrapServers), that the brokers are"
                    + " reachable from the Flink JobManager and that security.protocol"
                    + " (setProperty) matches their listener.";
        }
        return "";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
