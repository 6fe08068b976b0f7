package io.github.flinkkafkabridge.source.enumerator;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The few metadata questions the enumerator asks the Kafka cluster. A narrow interface in front of
 * the Kafka {@code Admin} client so that the enumerator's logic is tested against a fake.
 *
 * <p>Every method answers within a bounded time or throws a {@link KafkaMetadataException} naming
 * the cluster address and what was asked, or a {@link
 * io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException} when the cluster rejects
 * the credentials. Owned by the enumerator and called from its worker thread only.
 */
public interface KafkaMetadata extends AutoCloseable {

    /** Names of all non-internal topics. */
    Set<String> listTopics();

    /** Partition count per topic; topics that do not exist are absent from the result. */
    Map<String, Integer> partitionCounts(Set<String> topics);

    /** The first offset still in the log, per partition. */
    Map<TopicPartition, Long> earliestOffsets(Set<TopicPartition> partitions);

    /** The end of the log (the last stable offset under {@code read_committed}), per partition. */
    Map<TopicPartition, Long> latestOffsets(Set<TopicPartition> partitions);

    /**
     * The offset of the first record whose timestamp is at or after {@code epochMillis}; partitions
     * without such a record are absent from the result.
     */
    Map<TopicPartition, Long> offsetsForTimestamp(Set<TopicPartition> partitions, long epochMillis);

    /** Offsets committed by {@code groupId}; partitions without a committed offset are absent. */
    Map<TopicPartition, Long> committedOffsets(String groupId, Set<TopicPartition> partitions);

    @Override
    void close();
}
