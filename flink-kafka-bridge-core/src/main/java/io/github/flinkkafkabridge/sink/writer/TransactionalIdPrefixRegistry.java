package io.github.flinkkafkabridge.sink.writer;

import java.util.HashMap;
import java.util.Map;

/**
 * JVM-wide record of which sink uses which transactional id prefix in which job, so that a second
 * EXACTLY_ONCE sink with the same prefix in the same job fails at start instead of fencing the
 * first one's transactions.
 *
 * <p>What it detects: two sinks whose writer instances run in the same JVM at the same time. With
 * Flink's default slot sharing, subtask {@code i} of every operator of a job shares one slot, so
 * both sinks' subtask 0 always meet in one task manager; sinks placed in different slot sharing
 * groups on different task managers are not detected. A sink is identified by the random id its
 * builder gave it, so the restarted instances of the same sink are not mistaken for a second sink.
 *
 * <p>Thread-safe.
 */
final class TransactionalIdPrefixRegistry {

    private static final Map<String, Entry> ACTIVE = new HashMap<>();

    private TransactionalIdPrefixRegistry() {}

    /**
     * Registers a writer instance of sink {@code sinkId}.
     *
     * @return a handle that unregisters it on close
     * @throws IllegalStateException when another sink of the same job uses the prefix
     */
    static synchronized Registration register(String jobId, String prefix, String sinkId) {
        String key = jobId + '\u0000' + prefix;
        Entry entry = ACTIVE.get(key);
        if (entry != null && !entry.sinkId.equals(sinkId)) {
            throw new IllegalStateException(
                    "Two KafkaBridgeSinks in job "
                            + jobId
                            + " use the transactional id prefix '"
                            + prefix
                            + "'. Each EXACTLY_ONCE sink needs its own prefix"
                            + " (setTransactionalIdPrefix); with a shared prefix they fence each"
                            + " other's transactions and records are lost.");
        }
        if (entry == null) {
            entry = new Entry(sinkId);
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
        final String sinkId;
        int count;

        Entry(String sinkId) {
            this.sinkId = sinkId;
        }
    }

    /** Unregisters once when closed. */
    static final class Registration implements AutoCloseable {
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
