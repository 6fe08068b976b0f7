package io.github.flinkkafkabridge.internal.transactions;

import java.util.HashMap;
import java.util.Map;

/**
 * JVM-wide record of which component (an EXACTLY_ONCE sink, or a source writing dead letters
 * EXACTLY_ONCE) uses which transactional id prefix in which job, so that a second component with
 * the same prefix in the same job fails at start instead of fencing the first one's transactions.
 *
 * <p>What it detects: two components whose writer instances run in the same JVM at the same time.
 * With Flink's default slot sharing, subtask {@code i} of every operator of a job shares one slot,
 * so both components' subtask 0 always meet in one task manager; components placed in different
 * slot sharing groups on different task managers are not detected. A component is identified by the
 * random id its builder gave it, so the restarted instances of the same component are not mistaken
 * for a second one.
 *
 * <p>Thread-safe.
 */
public final class TransactionalIdPrefixRegistry {

    private static final Map<String, Entry> ACTIVE = new HashMap<>();

    private TransactionalIdPrefixRegistry() {}

    /**
     * Registers a writer instance of component {@code ownerId}.
     *
     * @param ownerId the random id the component's builder gave it
     * @param kind the component's type, for the error message: {@code KafkaBridgeSink} or {@code
     *     KafkaBridgeSource}
     * @param prefixSetter the setter of the prefix, for the error message
     * @return a handle that unregisters it on close
     * @throws IllegalStateException when another component of the same job uses the prefix
     */
    public static synchronized Registration register(
            String jobId, String prefix, String ownerId, String kind, String prefixSetter) {
        String key = jobId + '\u0000' + prefix;
        Entry entry = ACTIVE.get(key);
        if (entry != null && !entry.ownerId.equals(ownerId)) {
            String owners =
                    entry.kind.equals(kind) && entry.prefixSetter.equals(prefixSetter)
                            ? "Two " + kind + "s (" + prefixSetter + ")"
                            : "A "
                                    + entry.kind
                                    + " ("
                                    + entry.prefixSetter
                                    + ") and a "
                                    + kind
                                    + " ("
                                    + prefixSetter
                                    + ")";
            throw new IllegalStateException(
                    owners
                            + " in job "
                            + jobId
                            + " use the transactional id prefix '"
                            + prefix
                            + "'. Each needs its own prefix; with a shared prefix they fence each"
                            + " other's transactions and records are lost.");
        }
        if (entry == null) {
            entry = new Entry(ownerId, kind, prefixSetter);
            ACTIVE.put(key, entry);
        }
        entry.count++;
        return new Registration(key);
    }

    private static synchronized void unregister(String key) {
        Entry entry = ACTIVE.get(key);
        if (entry != null && --entry.count == 0) {
            ACTIVE.remove(key);
        }
    }

    private static final class Entry {
        final String ownerId;
        final String kind;
        final String prefixSetter;
        int count;

        Entry(String ownerId, String kind, String prefixSetter) {
            this.ownerId = ownerId;
            this.kind = kind;
            this.prefixSetter = prefixSetter;
        }
    }

    /** Unregisters once when closed. */
    public static final class Registration implements AutoCloseable {
        private final String key;
        private boolean closed;

        private Registration(String key) {
            this.key = key;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                unregister(key);
            }
        }
    }
}
