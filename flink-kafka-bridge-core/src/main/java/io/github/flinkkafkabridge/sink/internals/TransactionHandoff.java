package io.github.flinkkafkabridge.sink.internals;

import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the committer commit a prepared transaction with the very producer that wrote it, and give
 * that producer back to the writer for its next transaction, when both run in the same JVM (the
 * normal case: Flink chains the committer to the writer). That saves a producer, a coordinator
 * lookup and an {@code InitProducerId} per checkpoint and writer, and uses only public producer
 * API. When the producer is not here (after a restore, or a committer in another JVM), the
 * committer resumes the transaction through {@link KafkaTransactionInternals} instead.
 *
 * <p>A transaction is identified by its transactional id, producer id and epoch. The writer hands
 * the producer over at pre-commit; the committer claims it, commits and returns it; the writer
 * takes it back when it needs an id, or discards it (closing the producer) when it learns of the
 * commit another way or closes. Thread-safe: writer and committer may run on different threads.
 */
public final class TransactionHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionHandoff.class);

    private static final Map<String, Entry> ENTRIES = new HashMap<>();

    private TransactionHandoff() {}

    private enum State {
        HANDED_OFF,
        COMMITTING,
        RETURNED,
        DISCARDED
    }

    private static final class Entry {
        final Producer<byte[], byte[]> producer;
        State state = State.HANDED_OFF;

        Entry(Producer<byte[], byte[]> producer) {
            this.producer = producer;
        }
    }

    private static String key(String transactionalId, ProducerSession session) {
        return transactionalId + '\u0000' + session.producerId() + '\u0000' + session.epoch();
    }

    /** The writer hands over the producer of a prepared transaction. */
    public static synchronized void handOff(
            String transactionalId, ProducerSession session, Producer<byte[], byte[]> producer) {
        Entry previous = ENTRIES.put(key(transactionalId, session), new Entry(producer));
        if (previous != null && previous.producer != producer) {
            close(previous.producer);
        }
    }

    /**
     * The committer claims the producer of a transaction to commit it; null when it is not here.
     * The committer must then call {@link #afterCommit}.
     */
    @Nullable
    public static synchronized Producer<byte[], byte[]> claimForCommit(
            String transactionalId, ProducerSession session) {
        Entry entry = ENTRIES.get(key(transactionalId, session));
        if (entry == null || entry.state != State.HANDED_OFF) {
            return null;
        }
        entry.state = State.COMMITTING;
        return entry.producer;
    }

    /**
     * The committer reports the outcome for a producer it claimed: a producer that committed goes
     * back to the writer, any other is closed.
     */
    public static synchronized void afterCommit(
            String transactionalId, ProducerSession session, boolean committed) {
        String key = key(transactionalId, session);
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            return;
        }
        if (committed && entry.state == State.COMMITTING) {
            entry.state = State.RETURNED;
        } else {
            ENTRIES.remove(key);
            close(entry.producer);
        }
    }

    /**
     * The writer takes back the producer of a committed transaction, ready for the next one; null
     * when the transaction was not committed through this hand-off (yet).
     */
    @Nullable
    public static synchronized Producer<byte[], byte[]> takeReturned(
            String transactionalId, ProducerSession session) {
        String key = key(transactionalId, session);
        Entry entry = ENTRIES.get(key);
        if (entry == null || entry.state != State.RETURNED) {
            return null;
        }
        ENTRIES.remove(key);
        return entry.producer;
    }

    /**
     * The writer gives up a hand-off (it closes, or saw the transaction finished on the broker):
     * the producer is closed now, or by the committer after a commit in progress.
     */
    public static synchronized void discard(String transactionalId, ProducerSession session) {
        String key = key(transactionalId, session);
        Entry entry = ENTRIES.get(key);
        if (entry == null) {
            return;
        }
        if (entry.state == State.COMMITTING) {
            entry.state = State.DISCARDED;
            return;
        }
        ENTRIES.remove(key);
        close(entry.producer);
    }

    /** How many hand-offs are open; for tests. */
    public static synchronized int size() {
        return ENTRIES.size();
    }

    private static void close(Producer<byte[], byte[]> producer) {
        try {
            // Without timeout: sends nothing, in particular no abort of a prepared transaction.
            producer.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("Error closing a handed-off producer", e);
        }
    }
}
