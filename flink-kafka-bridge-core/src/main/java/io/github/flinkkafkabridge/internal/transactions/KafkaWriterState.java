package io.github.flinkkafkabridge.internal.transactions;

import java.util.List;
import java.util.Objects;

/**
 * What one EXACTLY_ONCE writer instance checkpoints: where its transactional ids came from (prefix,
 * parallelism, subtask, pool size) and which of them hold a prepared transaction that may still
 * have to be committed. On restore, every other transaction of those ids is aborted. The sink's
 * writers checkpoint it as writer state; the source's EXACTLY_ONCE dead-letter writer carries it in
 * a split of the reader's state. Immutable.
 */
public final class KafkaWriterState {

    private final String transactionalIdPrefix;
    private final int parallelism;
    private final int subtaskIndex;
    private final int poolSize;
    private final List<KafkaCommittable> pending;

    public KafkaWriterState(
            String transactionalIdPrefix,
            int parallelism,
            int subtaskIndex,
            int poolSize,
            List<KafkaCommittable> pending) {
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.parallelism = parallelism;
        this.subtaskIndex = subtaskIndex;
        this.poolSize = poolSize;
        this.pending = List.copyOf(pending);
    }

    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public int parallelism() {
        return parallelism;
    }

    public int subtaskIndex() {
        return subtaskIndex;
    }

    public int poolSize() {
        return poolSize;
    }

    /** Transactions handed to the committer and not yet seen committed. */
    public List<KafkaCommittable> pending() {
        return pending;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaWriterState)) {
            return false;
        }
        KafkaWriterState that = (KafkaWriterState) o;
        return parallelism == that.parallelism
                && subtaskIndex == that.subtaskIndex
                && poolSize == that.poolSize
                && transactionalIdPrefix.equals(that.transactionalIdPrefix)
                && pending.equals(that.pending);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionalIdPrefix, parallelism, subtaskIndex, poolSize, pending);
    }

    @Override
    public String toString() {
        return "KafkaWriterState{"
                + TransactionalIdPool.transactionalId(
                        transactionalIdPrefix, parallelism, subtaskIndex, 0)
                + "..."
                + (poolSize - 1)
                + ", pending="
                + pending
                + "}";
    }
}
