package io.github.flinkkafkabridge.source.enumerator;

import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpointed state of the enumerator. Immutable.
 *
 * <ul>
 *   <li>assigned partitions: handed to a reader at least once; their positions live in the readers'
 *       state, and they are never assigned again (except through {@code addSplitsBack});
 *   <li>pending splits: discovered but not yet handed to a reader (for example while the owning
 *       reader was not registered), with their resolved offsets;
 *   <li>whether the first discovery finished: partitions found after it start at their earliest
 *       offset, whatever the configured starting offsets say.
 * </ul>
 */
public final class KafkaEnumeratorState {

    private final Set<TopicPartition> assignedPartitions;
    private final List<KafkaPartitionSplit> pendingSplits;
    private final boolean initialDiscoveryFinished;

    public KafkaEnumeratorState(
            Collection<TopicPartition> assignedPartitions,
            Collection<KafkaPartitionSplit> pendingSplits,
            boolean initialDiscoveryFinished) {
        this.assignedPartitions = Set.copyOf(assignedPartitions);
        this.pendingSplits = List.copyOf(pendingSplits);
        this.initialDiscoveryFinished = initialDiscoveryFinished;
    }

    /** The state of a fresh start. */
    public static KafkaEnumeratorState initial() {
        return new KafkaEnumeratorState(Set.of(), List.of(), false);
    }

    public Set<TopicPartition> assignedPartitions() {
        return assignedPartitions;
    }

    public List<KafkaPartitionSplit> pendingSplits() {
        return pendingSplits;
    }

    public boolean initialDiscoveryFinished() {
        return initialDiscoveryFinished;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaEnumeratorState)) {
            return false;
        }
        KafkaEnumeratorState that = (KafkaEnumeratorState) o;
        return initialDiscoveryFinished == that.initialDiscoveryFinished
                && assignedPartitions.equals(that.assignedPartitions)
                && Set.copyOf(pendingSplits).equals(Set.copyOf(that.pendingSplits));
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                assignedPartitions, Set.copyOf(pendingSplits), initialDiscoveryFinished);
    }

    @Override
    public String toString() {
        return "KafkaEnumeratorState{assigned="
                + assignedPartitions
                + ", pending="
                + pendingSplits
                + ", initialDiscoveryFinished="
                + initialDiscoveryFinished
                + '}';
    }
}
