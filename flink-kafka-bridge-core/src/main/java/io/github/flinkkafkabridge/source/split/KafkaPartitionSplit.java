package io.github.flinkkafkabridge.source.split;

import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka partition to read, from a concrete starting offset to an optional stopping offset
 * (exclusive). Immutable; the enumerator resolves every offset specification (earliest, latest,
 * timestamp, committed) into a concrete offset before it creates the split, so readers never ask
 * the broker what "latest" means. The mutable reading position lives in {@link
 * KafkaPartitionSplitState}.
 *
 * <p>A split in a reader's checkpoint may also carry the reader's EXACTLY_ONCE dead-letter state
 * ({@link #deadLetterState()}): the prepared dead-letter transactions the checkpoint covers and the
 * transactional ids the reader used. A FLIP-27 reader's state is its list of splits, so that state
 * rides on one of them; the reader takes it off when the split is restored, and whichever reader
 * receives it after rescaling commits those transactions. Splits made by the enumerator never carry
 * it.
 */
public final class KafkaPartitionSplit implements SourceSplit {

    /** Stopping offset of a split that is read forever. */
    public static final long NO_STOPPING_OFFSET = Long.MAX_VALUE;

    private final TopicPartition partition;
    private final long startingOffset;
    private final long stoppingOffset;
    @Nullable private final KafkaWriterState deadLetterState;

    /**
     * @param partition the Kafka partition
     * @param startingOffset the offset of the first record to read, at least 0
     * @param stoppingOffset the offset to stop before, or {@link #NO_STOPPING_OFFSET}
     */
    public KafkaPartitionSplit(TopicPartition partition, long startingOffset, long stoppingOffset) {
        this(partition, startingOffset, stoppingOffset, null);
    }

    private KafkaPartitionSplit(
            TopicPartition partition,
            long startingOffset,
            long stoppingOffset,
            @Nullable KafkaWriterState deadLetterState) {
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
        this.deadLetterState = deadLetterState;
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

    /**
     * The same partition and stopping offset, starting at {@code offset}, without dead-letter
     * state.
     */
    public KafkaPartitionSplit withStartingOffset(long offset) {
        return new KafkaPartitionSplit(partition, offset, stoppingOffset);
    }

    /**
     * The reader's EXACTLY_ONCE dead-letter state this split carries in a checkpoint, or null (the
     * normal case).
     */
    @Nullable
    public KafkaWriterState deadLetterState() {
        return deadLetterState;
    }

    /** The same split carrying {@code state} (null: none). */
    public KafkaPartitionSplit withDeadLetterState(@Nullable KafkaWriterState state) {
        return new KafkaPartitionSplit(partition, startingOffset, stoppingOffset, state);
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
                && partition.equals(that.partition)
                && Objects.equals(deadLetterState, that.deadLetterState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, startingOffset, stoppingOffset, deadLetterState);
    }

    @Override
    public String toString() {
        return "KafkaPartitionSplit{"
                + partition
                + " ["
                + startingOffset
                + ", "
                + (isBounded() ? String.valueOf(stoppingOffset) : "unbounded")
                + ")"
                + (deadLetterState == null ? "" : ", dead letters " + deadLetterState)
                + "}";
    }
}
