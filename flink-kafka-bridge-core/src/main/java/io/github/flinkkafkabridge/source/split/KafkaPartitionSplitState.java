package io.github.flinkkafkabridge.source.split;

/**
 * The mutable reading position of a {@link KafkaPartitionSplit}: the offset of the next record to
 * emit. Owned by the source reader and touched only from its task (mailbox) thread, so a checkpoint
 * always sees the position just after the last record whose elements were all emitted.
 */
public final class KafkaPartitionSplitState {

    private final KafkaPartitionSplit split;
    private long nextOffset;

    public KafkaPartitionSplitState(KafkaPartitionSplit split) {
        this.split = split;
        this.nextOffset = split.startingOffset();
    }

    /** The offset of the next record to emit. */
    public long nextOffset() {
        return nextOffset;
    }

    /** Records that every record before {@code offset} has been emitted. */
    public void setNextOffset(long offset) {
        this.nextOffset = offset;
    }

    public KafkaPartitionSplit split() {
        return split;
    }

    /** The split to checkpoint: the original split, resumed at the current position. */
    public KafkaPartitionSplit toSplit() {
        return split.withStartingOffset(nextOffset);
    }
}
