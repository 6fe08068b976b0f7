package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.internal.transactions.TransactionCommit;
import io.github.flinkkafkabridge.internal.transactions.TransactionRecovery;
import io.github.flinkkafkabridge.internal.transactions.TransactionStarter;
import io.github.flinkkafkabridge.internal.transactions.TransactionTimeoutCheck;
import io.github.flinkkafkabridge.internal.transactions.TransactionalIdPool;
import io.github.flinkkafkabridge.internal.transactions.TransactionalIdPrefixRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EXACTLY_ONCE dead letters: they go into a Kafka transaction that commits when the checkpoint
 * covering their source records completes, so {@code read_committed} readers of the dead-letter
 * topic see every bad record once, whatever fails.
 *
 * <ul>
 *   <li>The first dead letter after a checkpoint opens a transaction on a free id of the reader's
 *       pool ({@link TransactionalIdPool}: {@code <prefix>-<parallelism>-<subtask>-<n>}, {@value
 *       #POOL_SIZE} ids), one whose producer is ready if there is one ({@link TransactionStarter}),
 *       else the lowest; without bad records no transaction is ever begun.
 *   <li>{@link #snapshotState} flushes it and records it as prepared (id, producer id and epoch) in
 *       the state the reader checkpoints with its splits; {@link #notifyCheckpointComplete} commits
 *       it, and every earlier one, with the producer that wrote it. That producer begins the id's
 *       next transaction only on transaction protocol 2, where the commit bumped its epoch; on
 *       protocol 1 a new producer, initialized in the background right after the commit, takes over
 *       the id with a new epoch, so that a restore of the checkpoint that recorded the committed
 *       transaction never mistakes the next one for it.
 *   <li>{@link #recover()}, at start, commits the transactions of the restored states (resuming
 *       them by producer id and epoch, as the sink's committer does), then aborts every other
 *       transaction left open on the restored id spaces and its own ids, so {@code read_committed}
 *       readers are not blocked; subtask 0 also checks {@code transaction.timeout.ms} against the
 *       broker and the checkpoint interval.
 *   <li>{@link #close()} aborts the open transaction; prepared ones are left to the next attempt,
 *       which commits those its checkpoint recorded and aborts the others.
 * </ul>
 *
 * <p>An id is reused only once its transaction is committed. When every id holds a prepared
 * transaction (checkpoints kept failing while bad records arrived) the next dead letter fails the
 * job, which restarts from its last completed checkpoint: nothing is lost or duplicated.
 */
final class ExactlyOnceDeadLetterWriter extends DeadLetterWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceDeadLetterWriter.class);

    /** Transactional ids per reader. */
    static final int POOL_SIZE = 5;

    /**
     * The client named in messages about rejected credentials (the producers are {@link #CLIENT}).
     */
    static final String ADMIN_CLIENT = "the KafkaBridgeSource dead-letter admin client";

    private final DeadLetterSettings settings;
    private final KafkaClientFactory clients;
    private final TransactionalIdPool pool;
    private final long checkpointIntervalMs;
    private final TransactionalIdPrefixRegistry.Registration registration;

    /** Begins the transactions on the pool's ids and keeps producers ready for them. */
    private final TransactionStarter starter;

    /** Prepared transactions by the checkpoint that recorded them. */
    private final SortedMap<Long, Prepared> prepared = new TreeMap<>();

    private final List<KafkaWriterState> restored = new ArrayList<>();
    private boolean recovered;
    @Nullable private Current current;

    /**
     * @param checkpointIntervalMs the job's checkpoint interval, or a value &lt;= 0 when unknown
     */
    ExactlyOnceDeadLetterWriter(
            DeadLetterSettings settings,
            KafkaClientFactory clients,
            int subtaskIndex,
            int parallelism,
            String jobId,
            long checkpointIntervalMs) {
        this(settings, clients, subtaskIndex, parallelism, jobId, checkpointIntervalMs, null);
    }

    /**
     * @param sparesExecutor where new producers are initialized ahead of time, or null for a thread
     *     of the writer's own; tests run them inline
     */
    ExactlyOnceDeadLetterWriter(
            DeadLetterSettings settings,
            KafkaClientFactory clients,
            int subtaskIndex,
            int parallelism,
            String jobId,
            long checkpointIntervalMs,
            @Nullable Executor sparesExecutor) {
        super(settings.topic(), settings.bootstrapServers());
        KafkaTransactionInternals.checkSupported();
        this.settings = settings;
        this.clients = clients;
        this.pool =
                new TransactionalIdPool(
                        settings.transactionalIdPrefix(), parallelism, subtaskIndex, POOL_SIZE);
        this.checkpointIntervalMs = checkpointIntervalMs;
        this.starter =
                new TransactionStarter(
                        pool,
                        this::createProducer,
                        settings.maxBlock(),
                        new TransactionStarter.Wording(
                                "dead-letter transaction", CLIENT, settings.bootstrapServers()),
                        sparesExecutor,
                        "kafka-dead-letter-producer-init-" + pool.prefix() + "-" + subtaskIndex);
        this.registration =
                TransactionalIdPrefixRegistry.register(
                        jobId,
                        pool.prefix(),
                        settings.sourceId(),
                        "KafkaBridgeSource",
                        "setDeadLetterTransactionalIdPrefix");
    }

    @Override
    void restoreState(KafkaWriterState state) {
        if (recovered) {
            throw new IllegalStateException(
                    "Dead-letter state restored after the reader started: " + state);
        }
        restored.add(state);
    }

    @Override
    void recover() throws IOException {
        if (recovered) {
            return;
        }
        recovered = true;
        Admin admin = clients.createAdmin(settings.admin(pool.subtaskIndex()));
        try {
            if (pool.subtaskIndex() == 0) {
                TransactionTimeoutCheck.check(
                        admin,
                        settings.transactionTimeout().toMillis(),
                        checkpointIntervalMs,
                        settings.maxBlock(),
                        "KafkaBridgeSource",
                        "setDeadLetterTransactionTimeout",
                        ADMIN_CLIENT,
                        settings.bootstrapServers());
            }
            TransactionRecovery.Plan plan = TransactionRecovery.plan(pool, restored);
            for (KafkaCommittable c : plan.restoredPending().values()) {
                commitRestored(c);
            }
            Map<String, TransactionDescription> states =
                    TransactionRecovery.describe(
                            admin,
                            plan.idsToCheck(),
                            settings.maxBlock(),
                            ADMIN_CLIENT,
                            settings.bootstrapServers());
            for (Map.Entry<String, TransactionDescription> e : states.entrySet()) {
                if (e.getValue().state() == TransactionState.ONGOING) {
                    TransactionRecovery.abort(
                            this::createProducer, e.getKey(), CLIENT, settings.bootstrapServers());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while recovering dead-letter transactions", e);
        } finally {
            restored.clear();
            admin.close(Duration.ZERO);
        }
        LOG.info(
                "Dead-letter writer {}/{} started (EXACTLY_ONCE to '{}', ids {}..{})",
                pool.subtaskIndex(),
                pool.parallelism(),
                topic,
                pool.transactionalId(0),
                pool.transactionalId(POOL_SIZE - 1));
    }

    /** Commits a transaction a restored checkpoint recorded, resumed by producer id and epoch. */
    private void commitRestored(KafkaCommittable c) throws IOException {
        Producer<byte[], byte[]> producer = null;
        try {
            producer =
                    clients.resumeTransaction(
                            settings.transactionalProducer(c.transactionalId()), c.session());
            if (TransactionCommit.commit(producer, c)) {
                LOG.info("Committed dead-letter transaction {} recorded in the checkpoint", c);
            }
        } catch (KafkaException | IllegalStateException e) {
            AuthenticationFailures.rethrowIfAuthentication(
                    e, CLIENT + " '" + c.transactionalId() + "'", settings.bootstrapServers());
            throw new IOException(
                    "Could not commit the dead-letter transaction "
                            + c
                            + " recorded in the restored checkpoint at "
                            + settings.bootstrapServers()
                            + ": "
                            + e,
                    e);
        } finally {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
        }
    }

    @Override
    protected Producer<byte[], byte[]> producerForWrite() throws IOException {
        if (!recovered) {
            recover();
        }
        if (current == null) {
            OptionalInt free = starter.takeFreeSlot();
            if (free.isEmpty()) {
                throw new IOException(
                        "All "
                                + POOL_SIZE
                                + " dead-letter transactional ids of source reader "
                                + pool.subtaskIndex()
                                + " hold transactions waiting for their checkpoint to complete: "
                                + pool.pendingSlots()
                                + ". Checkpoints keep failing while bad records arrive; find out"
                                + " why checkpoints do not complete. The job restarts from its"
                                + " last completed checkpoint, so no dead letter is lost.");
            }
            int slot = free.getAsInt();
            String id = pool.transactionalId(slot);
            try {
                current = new Current(slot, id, starter.begin(slot));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(
                        "Interrupted while starting a dead-letter transaction with transactional id"
                                + " '"
                                + id
                                + "'",
                        e);
            }
        }
        return current.producer;
    }

    private Producer<byte[], byte[]> createProducer(String transactionalId) {
        return clients.createProducer(settings.transactionalProducer(transactionalId));
    }

    @Override
    KafkaWriterState snapshotState(long checkpointId) throws IOException {
        if (current != null) {
            flushAndCheck(current.producer);
            ProducerSession session = clients.sessionOf(current.producer);
            KafkaCommittable committable = new KafkaCommittable(current.id, session);
            pool.handOff(current.slot, committable);
            prepared.put(checkpointId, new Prepared(current.slot, committable, current.producer));
            LOG.debug(
                    "Prepared dead-letter transaction {} for checkpoint {}",
                    committable,
                    checkpointId);
            current = null;
        } else {
            checkSendFailure();
        }
        return new KafkaWriterState(
                pool.prefix(),
                pool.parallelism(),
                pool.subtaskIndex(),
                POOL_SIZE,
                pool.pendingCommittables());
    }

    @Override
    void notifyCheckpointComplete(long checkpointId) throws IOException {
        Iterator<Prepared> done = prepared.headMap(checkpointId + 1).values().iterator();
        while (done.hasNext()) {
            Prepared p = done.next();
            boolean committed;
            try {
                committed = TransactionCommit.commit(p.producer, p.committable);
            } catch (KafkaException e) {
                AuthenticationFailures.rethrowIfAuthentication(
                        e,
                        CLIENT + " '" + p.committable.transactionalId() + "'",
                        settings.bootstrapServers());
                throw new IOException(
                        "Could not commit dead-letter transaction "
                                + p.committable
                                + " of checkpoint "
                                + checkpointId
                                + " at "
                                + settings.bootstrapServers()
                                + ": "
                                + e,
                        e);
            }
            done.remove();
            starter.release(p.slot, p.committable, p.producer, committed);
            LOG.debug("Committed dead-letter transaction {}", p.committable);
        }
    }

    /** The transactions prepared and not yet committed, oldest first; for tests. */
    List<KafkaCommittable> pendingTransactions() {
        return pool.pendingCommittables();
    }

    @Override
    public void close() {
        try {
            if (current != null) {
                try {
                    current.producer.abortTransaction();
                } catch (KafkaException | IllegalStateException e) {
                    LOG.debug(
                            "Could not abort dead-letter transaction {}; the next attempt aborts"
                                    + " it: {}",
                            current.id,
                            e.toString());
                }
                current.producer.close(Duration.ZERO);
                current = null;
            }
            // Prepared transactions stay prepared: a restore commits those its checkpoint holds.
            for (Prepared p : prepared.values()) {
                p.producer.close(Duration.ZERO);
            }
            prepared.clear();
            starter.close();
        } finally {
            registration.close();
        }
    }

    /** The transaction being filled. */
    private static final class Current {
        final int slot;
        final String id;
        final Producer<byte[], byte[]> producer;

        Current(int slot, String id, Producer<byte[], byte[]> producer) {
            this.slot = slot;
            this.id = id;
            this.producer = producer;
        }
    }

    /** A transaction flushed for a checkpoint, waiting for it to complete. */
    private static final class Prepared {
        final int slot;
        final KafkaCommittable committable;
        final Producer<byte[], byte[]> producer;

        Prepared(int slot, KafkaCommittable committable, Producer<byte[], byte[]> producer) {
            this.slot = slot;
            this.committable = committable;
            this.producer = producer;
        }
    }
}
