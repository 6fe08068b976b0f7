package io.github.flinkkafkabridge.internal.transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The bounded set of transactional ids of one EXACTLY_ONCE writer instance and what each holds.
 *
 * <p>Ids are {@code <prefix>-<parallelism>-<subtask>-<slot>} with {@code slot < poolSize}: a job at
 * parallelism {@code p} uses at most {@code p * poolSize} ids, the same ones after every restart.
 * The parallelism is part of the id so that after rescaling no two writer instances can claim the
 * same id while a committer may still need it: the ids of the old parallelism are only committed
 * (by the committer) or aborted (by whichever writer restored their state), never reused in that
 * run.
 *
 * <p>A slot is {@code FREE} (no transaction of ours that might still need committing), {@code
 * CURRENT} (the writer is filling its transaction) or {@code PENDING} (its transaction was handed
 * to the committer and is not yet seen committed). A slot is only reused when free: reusing it
 * would abort a transaction the committer may still have to commit. Lowest free slot first, so few
 * ids are used when checkpoints complete promptly, unless the writer prefers a free slot whose
 * producer is ready ({@link TransactionStarter#takeFreeSlot()}).
 *
 * <p>Used by the sink's EXACTLY_ONCE writer and by the source's EXACTLY_ONCE dead-letter writer.
 * Owned by one writer; used from the task thread only.
 */
public final class TransactionalIdPool {

    private final String prefix;
    private final int parallelism;
    private final int subtaskIndex;
    private final int poolSize;

    /** Per slot: null when free or current, else the pending transaction. */
    private final PendingSlot[] pending;

    private final boolean[] current;
    private long handOffs;

    public TransactionalIdPool(String prefix, int parallelism, int subtaskIndex, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
        }
        this.prefix = prefix;
        this.parallelism = parallelism;
        this.subtaskIndex = subtaskIndex;
        this.poolSize = poolSize;
        this.pending = new PendingSlot[poolSize];
        this.current = new boolean[poolSize];
    }

    /** The transactional id of a slot of a writer instance. */
    public static String transactionalId(
            String prefix, int parallelism, int subtaskIndex, int slot) {
        return prefix + "-" + parallelism + "-" + subtaskIndex + "-" + slot;
    }

    /** A regular expression matching every transactional id the sink derives from prefix. */
    public static String idPattern(String prefix) {
        return Pattern.quote(prefix) + "-\\d+-\\d+-\\d+";
    }

    /** The parallelism encoded in a transactional id of this prefix, or -1. */
    public static int parallelismOf(String prefix, String transactionalId) {
        if (!transactionalId.startsWith(prefix + "-")) {
            return -1;
        }
        String[] parts = transactionalId.substring(prefix.length() + 1).split("-");
        if (parts.length != 3) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String transactionalId(int slot) {
        return transactionalId(prefix, parallelism, subtaskIndex, slot);
    }

    /** The slot of one of this writer's ids, or -1 when the id is not one of its slots. */
    public int slotOf(String transactionalId) {
        String own = transactionalId(prefix, parallelism, subtaskIndex, 0);
        String stem = own.substring(0, own.length() - 1);
        if (!transactionalId.startsWith(stem)) {
            return -1;
        }
        try {
            int slot = Integer.parseInt(transactionalId.substring(stem.length()));
            return slot < poolSize ? slot : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int poolSize() {
        return poolSize;
    }

    public String prefix() {
        return prefix;
    }

    public int parallelism() {
        return parallelism;
    }

    public int subtaskIndex() {
        return subtaskIndex;
    }

    /** Takes the lowest free slot and marks it current. */
    public OptionalInt takeFree() {
        return takeFree(slot -> false);
    }

    /**
     * Takes the lowest free slot for which {@code preferred} holds (such as one with a producer
     * ready), else the lowest free slot, and marks it current.
     */
    public OptionalInt takeFree(IntPredicate preferred) {
        int chosen = -1;
        for (int slot = 0; slot < poolSize; slot++) {
            if (isFree(slot)) {
                if (preferred.test(slot)) {
                    chosen = slot;
                    break;
                }
                if (chosen < 0) {
                    chosen = slot;
                }
            }
        }
        if (chosen < 0) {
            return OptionalInt.empty();
        }
        current[chosen] = true;
        return OptionalInt.of(chosen);
    }

    /** Whether the slot is free: neither current nor holding a transaction to commit. */
    public boolean isFree(int slot) {
        return pending[slot] == null && !current[slot];
    }

    /** Whether a slot holds a transaction recorded in the restored checkpoint. */
    public boolean hasRestoredPending() {
        for (PendingSlot slot : pending) {
            if (slot != null && slot.restored) {
                return true;
            }
        }
        return false;
    }

    /** Marks the current slot's transaction as handed to the committer. */
    public void handOff(int slot, KafkaCommittable committable) {
        if (!current[slot]) {
            throw new IllegalStateException("slot " + slot + " is not current");
        }
        current[slot] = false;
        pending[slot] = new PendingSlot(slot, committable, false, handOffs++);
    }

    /** Gives the current slot back without a transaction to commit. */
    public void releaseCurrent(int slot) {
        current[slot] = false;
    }

    /** Marks a slot as holding a transaction recorded in the restored checkpoint. */
    public void restorePending(int slot, KafkaCommittable committable) {
        pending[slot] = new PendingSlot(slot, committable, true, handOffs++);
    }

    /** Frees a pending slot whose transaction is committed (or otherwise finished). */
    public void release(int slot) {
        pending[slot] = null;
    }

    /** The pending slots, oldest hand-off first. */
    public List<PendingSlot> pendingSlots() {
        List<PendingSlot> result = new ArrayList<>();
        for (PendingSlot slot : pending) {
            if (slot != null) {
                result.add(slot);
            }
        }
        result.sort((a, b) -> Long.compare(a.order, b.order));
        return result;
    }

    /** The transactions that may still need committing, for the writer state. */
    public List<KafkaCommittable> pendingCommittables() {
        List<KafkaCommittable> result = new ArrayList<>();
        for (PendingSlot slot : pendingSlots()) {
            result.add(slot.committable);
        }
        return result;
    }

    @Nullable
    public PendingSlot pending(int slot) {
        return pending[slot];
    }

    /** A slot whose transaction was handed to the committer. */
    public static final class PendingSlot {
        /** The slot. */
        public final int slot;

        /** The transaction handed to the committer. */
        public final KafkaCommittable committable;

        /** True when recorded in the restored checkpoint rather than handed off in this run. */
        public final boolean restored;

        final long order;

        PendingSlot(int slot, KafkaCommittable committable, boolean restored, long order) {
            this.slot = slot;
            this.committable = committable;
            this.restored = restored;
            this.order = order;
        }

        @Override
        public String toString() {
            return committable + (restored ? " (restored)" : "");
        }
    }
}
