package io.github.flinkkafkabridge.source.split;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka partition to read, from a concrete starting offset to an optional stopping offset
 * (exclusive). Immutable; the enumerator resolves every offset specification (earliest, latest,
 * timestamp, committed) into a concrete offset before it creates the split, so readers never ask
 * the broker what "latest" means. The mutable reading position lives in {@link
 * KafkaPartitionSplitState}.
 */
public final class KafkaPartitionSplit implements SourceSplit {

    /** Stopping offset of a split that is read forever. */
    public static final long NO_STOPPING_OFFSET = Long.MAX_VALUE;

    private final TopicPartition partition;
    private final long startingOffset;
    private final long stoppingOffset;

    /**
     * @param partition the Kafka partition
     * @param startingOffset the offset of the first record to read, at least 0
     * @param stoppingOffset the offset to stop before, or {@link #NO_STOPPING_OFFSET}
     */
    public KafkaPartitionSplit(TopicPartition partition, long startingOffset, long stoppingOffset) {
        if (startingOffset < 0) {
            throw new IllegalArgumentException(
                    "Starting offset of " + partition + " must be >= 0, got " + startingOffset);
        }
        if (stoppingOffset < 0) {
            throw new IllegalArgumentException(
                    "Stopping offset of " + partition + " must be >= 0, got " + stoppingOffset);
        }
        this.partition = Objects.requireNonNull(partition, "partition");
        this.startingOffset = startingOffset;
        this.stoppingOffset = stoppingOffset;
    }

    /** The split id of a partition: {@code topic-partition}. */
    public static String splitId(TopicPartition partition) {
        return partition.toString();
    }

    @Override
    public String splitId() {
        return splitId(partition);
    }

    public TopicPartition partition() {
        return partition;
    }

    public long startingOffset() {
        return startingOffset;
    }

    public long stoppingOffset() {
        return stoppingOffset;
    }

    /** Whether the split ends at a stopping offset. */
    public boolean isBounded() {
        return stoppingOffset != NO_STOPPING_OFFSET;
    }

    /** Whether there is nothing to read: a bounded split starting at or after its end. */
    public boolean isEmpty() {
        return isBounded() && startingOffset >= stoppingOffset;
    }

    /** The same partition and stopping offset, starting at {@code offset}. */
    public KafkaPartitionSplit withStartingOffset(long offset) {
        return new KafkaPartitionSplit(partition, offset, stoppingOffset);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KafkaPartitionSplit)) {
            return false;
        }
        KafkaPartitionSplit that = (KafkaPartitionSplit) o;
        return startingOffset == that.startingOffset
                && stoppingOffset == that.stoppingOffset
                && partition.equals(that.partition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, startingOffset, stoppingOffset);
    }

    @Override
    public String toString() {
        return "KafkaPartitionSplit{"
                + partition
                + " ["
                + startingOffset
                + ", "
                + (isBounded() ? String.valueOf(stoppingOffset) : "unbounded")
                + ")}";
    }
}
