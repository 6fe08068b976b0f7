package io.github.flinkkafkabridge.source.enumerator;

import io.github.flinkkafkabridge.source.ResetStrategy;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns offset specifications into concrete offsets with the cluster's metadata. Stateless; called
 * from the enumerator's worker thread.
 */
final class OffsetsResolver {

    private final KafkaMetadata metadata;
    @Nullable private final String groupId;

    OffsetsResolver(KafkaMetadata metadata, @Nullable String groupId) {
        this.metadata = metadata;
        this.groupId = groupId;
    }

    /** Starting offset per partition, for every partition in {@code partitions}. */
    Map<TopicPartition, Long> starting(StartingOffsets spec, Set<TopicPartition> partitions) {
        switch (spec.kind()) {
            case EARLIEST:
                return complete(metadata.earliestOffsets(partitions), partitions, "earliest");
            case LATEST:
                return complete(metadata.latestOffsets(partitions), partitions, "latest");
            case TIMESTAMP:
                return atTimestamp(spec.timestamp(), partitions);
            case COMMITTED:
                if (groupId == null) {
                    throw new IllegalStateException(
                            "StartingOffsets.committed() needs a group id (setGroupId)");
                }
                return withFallback(
                        metadata.committedOffsets(groupId, partitions),
                        partitions,
                        spec.fallback(),
                        "no offset committed by consumer group '" + groupId + "'");
            case SPECIFIC:
                Map<TopicPartition, Long> given = new HashMap<>(spec.specificOffsets());
                given.keySet().retainAll(partitions);
                return withFallback(
                        given,
                        partitions,
                        spec.fallback(),
                        "no offset in StartingOffsets.specific");
            default:
                throw new IllegalArgumentException("Unknown starting offsets " + spec);
        }
    }

    /**
     * Stopping offset per partition, for every partition in {@code partitions}; {@link
     * KafkaPartitionSplit#NO_STOPPING_OFFSET} when the spec never stops.
     */
    Map<TopicPartition, Long> stopping(StoppingOffsets spec, Set<TopicPartition> partitions) {
        switch (spec.kind()) {
            case NONE:
                Map<TopicPartition, Long> never = new HashMap<>();
                partitions.forEach(p -> never.put(p, KafkaPartitionSplit.NO_STOPPING_OFFSET));
                return never;
            case LATEST:
                return complete(metadata.latestOffsets(partitions), partitions, "latest");
            case TIMESTAMP:
                return atTimestamp(spec.timestamp(), partitions);
            case SPECIFIC:
                Map<TopicPartition, Long> given = new HashMap<>(spec.specificOffsets());
                given.keySet().retainAll(partitions);
                return withFallback(
                        given, partitions, ResetStrategy.LATEST, "no StoppingOffsets.specific");
            default:
                throw new IllegalArgumentException("Unknown stopping offsets " + spec);
        }
    }

    /** The first offset at or after a timestamp; partitions without such a record: the end. */
    private Map<TopicPartition, Long> atTimestamp(
            long epochMillis, Set<TopicPartition> partitions) {
        return withFallback(
                metadata.offsetsForTimestamp(partitions, epochMillis),
                partitions,
                ResetStrategy.LATEST,
                "no record at or after timestamp " + epochMillis);
    }

    /** Earliest offset of every partition: where partitions that appear later start. */
    Map<TopicPartition, Long> earliest(Set<TopicPartition> partitions) {
        return starting(StartingOffsets.earliest(), partitions);
    }

    private Map<TopicPartition, Long> withFallback(
            Map<TopicPartition, Long> found,
            Set<TopicPartition> partitions,
            ResetStrategy fallback,
            String reason) {
        Map<TopicPartition, Long> offsets = new HashMap<>(found);
        Set<TopicPartition> rest = new HashSet<>(partitions);
        rest.removeAll(found.keySet());
        if (rest.isEmpty()) {
            return offsets;
        }
        switch (fallback) {
            case EARLIEST:
                offsets.putAll(complete(metadata.earliestOffsets(rest), rest, "earliest"));
                break;
            case LATEST:
                offsets.putAll(complete(metadata.latestOffsets(rest), rest, "latest"));
                break;
            default:
                throw new KafkaMetadataException(
                        "Partitions "
                                + sorted(rest)
                                + " have "
                                + reason
                                + " and the fallback is ResetStrategy.NONE; commit offsets for"
                                + " them or choose another fallback in StartingOffsets.");
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> complete(
            Map<TopicPartition, Long> found, Set<TopicPartition> partitions, String what) {
        if (!found.keySet().containsAll(partitions)) {
            Set<TopicPartition> absent = new HashSet<>(partitions);
            absent.removeAll(found.keySet());
            throw new KafkaMetadataException(
                    "Kafka returned no " + what + " offset for partitions " + sorted(absent));
        }
        return new HashMap<>(found);
    }

    private static Set<String> sorted(Set<TopicPartition> partitions) {
        Set<String> names = new TreeSet<>();
        partitions.forEach(p -> names.add(p.toString()));
        return names;
    }
}
