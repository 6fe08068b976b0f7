package io.github.flinkkafkabridge.sink.writer;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.internal.transactions.TransactionRecovery;
import io.github.flinkkafkabridge.internal.transactions.TransactionStarter;
import io.github.flinkkafkabridge.internal.transactions.TransactionTimeoutCheck;
import io.github.flinkkafkabridge.internal.transactions.TransactionalIdPool;
import io.github.flinkkafkabridge.internal.transactions.TransactionalIdPrefixRegistry;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.internals.TransactionHandoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EXACTLY_ONCE writer: records go into a Kafka transaction on one of the writer instance's
 * pooled transactional ids (see {@link TransactionalIdPool}).
 *
 * <p>At the checkpoint barrier ({@code flush} then {@link #prepareCommit()}) the transaction is
 * flushed, its producer id and epoch are handed to the committer as a {@link KafkaCommittable}
 * together with the producer ({@link TransactionHandoff}). The committer commits it when the
 * checkpoint completes. The next record opens a transaction on an id whose earlier transaction is
 * committed (the committer gave the producer back) or seen finished on the broker ({@code
 * Admin#describeTransactions}): one whose producer is ready if there is one ({@link
 * TransactionStarter}), else the lowest. An id whose transaction may still need committing is never
 * reused. A transaction without records is kept open across checkpoints and never handed over. As
 * the writer starts, producers for its two lowest free ids are initialized in the background, so
 * neither the first record nor the first record after the first checkpoint waits for Kafka.
 *
 * <p>The producer that committed an id's transaction begins the id's next one only on transaction
 * protocol 2, where the commit bumped its epoch. On protocol 1 the next transaction would have the
 * committed one's producer id and epoch, and a restore from a checkpoint that recorded the
 * committed one would commit it too; a new producer, initialized in the background as soon as the
 * commit is known, takes over the id with a new epoch.
 *
 * <p>At start it aborts every transaction an earlier attempt left open on its ids, except those
 * recorded in the restored checkpoint (the committer commits these), and checks {@code
 * transaction.timeout.ms} (see {@link TransactionTimeoutCheck}).
 *
 * @param <T> the type of the stream elements
 */
public final class ExactlyOnceWriter<T> extends KafkaWriterBase<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceWriter.class);

    private static final long MAX_POLL_BACKOFF_MS = 100;

    /**
     * How many free ids get a producer initialized in the background as the writer starts: one
     * transaction is filled while the one before waits for its checkpoint to complete.
     */
    static final int TRANSACTIONS_STARTED_AHEAD = 2;

    /** The clients named in messages about rejected credentials. */
    static final String ADMIN_CLIENT = "the KafkaBridgeSink writer's admin client";

    static final String TRANSACTIONAL_PRODUCER_CLIENT =
            "the KafkaBridgeSink writer's transactional producer";

    private final TransactionalIdPool pool;
    private final MailboxExecutor mailbox;
    private final Properties userProperties;
    private final long transactionTimeoutMs;
    private final Duration clientTimeout;
    private final TransactionalIdPrefixRegistry.Registration registration;
    private final Admin admin;

    /** Begins the transactions on the pool's ids and keeps producers ready for them. */
    private final TransactionStarter starter;

    @Nullable private Current current;

    /**
     * Whether the broker runs transaction protocol 1, learned from the first transaction: then
     * every transaction needs a new producer, and free slots keep one initialized ahead.
     */
    private boolean protocolOne;

    public ExactlyOnceWriter(
            SinkSettings<T> settings,
            WriterInitContext context,
            KafkaClientFactory clients,
            long checkpointIntervalMs,
            Collection<KafkaWriterState> restored)
            throws IOException {
        this(settings, context, clients, checkpointIntervalMs, restored, null);
    }

    /**
     * @param sparesExecutor where new producers are initialized ahead of time, or null for a thread
     *     of the writer's own; tests run them inline
     */
    ExactlyOnceWriter(
            SinkSettings<T> settings,
            WriterInitContext context,
            KafkaClientFactory clients,
            long checkpointIntervalMs,
            Collection<KafkaWriterState> restored,
            @Nullable Executor sparesExecutor)
            throws IOException {
        super(settings, context, clients);
        KafkaTransactionInternals.checkSupported();
        String prefix = settings.transactionalIdPrefix();
        this.pool =
                new TransactionalIdPool(
                        prefix, parallelism, subtaskIndex, settings.transactionalIdPoolSize());
        this.mailbox = context.getMailboxExecutor();
        this.userProperties = settings.producerProperties();
        this.transactionTimeoutMs = ProducerProperties.transactionTimeoutMs(userProperties);
        this.clientTimeout = Duration.ofMillis(ProducerProperties.maxBlockMs(userProperties));
        this.starter =
                new TransactionStarter(
                        pool,
                        this::createProducer,
                        clientTimeout,
                        new TransactionStarter.Wording(
                                "Kafka transaction",
                                TRANSACTIONAL_PRODUCER_CLIENT,
                                settings.bootstrapServers()),
                        sparesExecutor,
                        "kafka-sink-producer-init-" + prefix + "-" + subtaskIndex);
        this.registration =
                TransactionalIdPrefixRegistry.register(
                        context.getJobInfo().getJobId().toString(),
                        prefix,
                        settings.sinkId(),
                        "KafkaBridgeSink",
                        "setTransactionalIdPrefix");
        Admin createdAdmin = null;
        try {
            createdAdmin =
                    clients.createAdmin(
                            ProducerProperties.admin(
                                    userProperties, prefix + "-admin-" + subtaskIndex));
            this.admin = createdAdmin;
            if (subtaskIndex == 0) {
                TransactionTimeoutCheck.check(
                        admin,
                        transactionTimeoutMs,
                        checkpointIntervalMs,
                        clientTimeout,
                        "KafkaBridgeSink",
                        "setProperty",
                        ADMIN_CLIENT,
                        settings.bootstrapServers());
                if (checkpointIntervalMs <= 0) {
                    LOG.warn(
                            "EXACTLY_ONCE Kafka sink with prefix '{}' runs without periodic"
                                    + " checkpoints: records become visible to read_committed"
                                    + " consumers only when bounded input ends.",
                            prefix);
                }
            }
            recover(restored, context.getRestoredCheckpointId().isPresent());
            // The first transaction and the one after the first checkpoint: initialized while
            // the rest of the job starts, not at the first record and the first barrier.
            starter.initializeFreeSlots(TRANSACTIONS_STARTED_AHEAD);
        } catch (IOException | RuntimeException e) {
            closeQuietly(createdAdmin);
            starter.close();
            registration.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(createdAdmin);
            starter.close();
            registration.close();
            throw new IOException("Interrupted while starting the Kafka sink writer", e);
        }
        LOG.info(
                "Kafka sink writer {}/{} started (EXACTLY_ONCE, ids {}..{}, pending after"
                        + " restore: {})",
                subtaskIndex,
                parallelism,
                pool.transactionalId(0),
                pool.transactionalId(pool.poolSize() - 1),
                pool.pendingSlots());
    }

    @Override
    protected Producer<byte[], byte[]> producerForWrite() throws IOException, InterruptedException {
        if (current == null) {
            int slot = acquireSlot();
            current = new Current(slot, pool.transactionalId(slot), starter.begin(slot));
        }
        return current.producer;
    }

    @Override
    protected void afterSend() {
        current.records++;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (current != null) {
            flushAndCheck(current.producer);
        } else {
            throwIfSendFailed();
        }
    }

    @Override
    public List<KafkaCommittable> prepareCommit() throws IOException, InterruptedException {
        if (current == null || current.records == 0) {
            // Nothing to commit: keep an empty transaction open for the next checkpoint.
            return List.of();
        }
        flushAndCheck(current.producer);
        ProducerSession session = clients.sessionOf(current.producer);
        KafkaCommittable committable = new KafkaCommittable(current.id, session);
        // The transaction now belongs to the committer; in this JVM it commits with this very
        // producer and gives it back (see TransactionHandoff).
        TransactionHandoff.handOff(current.id, session, current.producer);
        pool.handOff(current.slot, committable);
        LOG.debug("Prepared {} with {} records", committable, current.records);
        current = null;
        if (!session.transactionV2()) {
            protocolOne = true;
            starter.initializeFreeSlots(pool.poolSize());
        }
        return List.of(committable);
    }

    @Override
    public List<KafkaWriterState> snapshotState(long checkpointId) {
        return List.of(
                new KafkaWriterState(
                        pool.prefix(),
                        parallelism,
                        subtaskIndex,
                        pool.poolSize(),
                        pool.pendingCommittables()));
    }

    @Override
    public void close() {
        if (current != null) {
            // Left open: the next attempt aborts it at start, or the broker after
            // transaction.timeout.ms. Never block a failing task on the broker.
            current.producer.close(Duration.ZERO);
            current = null;
        }
        for (TransactionalIdPool.PendingSlot slot : pool.pendingSlots()) {
            // Prepared transactions stay prepared: a restored committer resumes them.
            TransactionHandoff.discard(
                    slot.committable.transactionalId(), slot.committable.session());
        }
        starter.close();
        closeQuietly(admin);
        registration.close();
    }

    /** Ids whose transactions are pending, for tests. */
    List<TransactionalIdPool.PendingSlot> pendingSlots() {
        return pool.pendingSlots();
    }

    private int acquireSlot() throws IOException, InterruptedException {
        // Like a full producer buffer, an exhausted pool blocks at most max.block.ms: while this
        // task waits, its own checkpoints cannot complete, so waiting longer cannot help; failing
        // restarts from the last completed checkpoint, which commits or aborts every pending id.
        long deadline = System.currentTimeMillis() + clientTimeout.toMillis();
        long backoff = 1;
        while (true) {
            takeBackCommittedProducers();
            // The committer commits restored transactions with producers of its own, so no
            // producer comes back for these slots: look them up (once per transaction, until none
            // is left) so that they do not stay pending while other ids are used.
            boolean lookedUp = pool.hasRestoredPending();
            if (lookedUp) {
                releaseFinishedSlots();
            }
            OptionalInt free = starter.takeFreeSlot();
            if (free.isPresent()) {
                return free.getAsInt();
            }
            if (!lookedUp && releaseFinishedSlots()) {
                continue;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(
                        "All "
                                + pool.poolSize()
                                + " transactional ids of Kafka sink writer "
                                + subtaskIndex
                                + " hold transactions waiting for their checkpoint to complete: "
                                + pool.pendingSlots()
                                + ". Raise the pool size (setTransactionalIdPoolSize), allow fewer"
                                + " concurrent or failed checkpoints, or find out why checkpoints"
                                + " do not complete.");
            }
            // Let checkpoint-complete notifications (and with them the committer) run.
            if (!mailbox.tryYield()) {
                Thread.sleep(backoff);
                backoff = Math.min(MAX_POLL_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /**
     * Frees the pending slots whose transactions the committer committed with their producer, and
     * makes a producer ready for each slot's next transaction (see {@link TransactionStarter}).
     */
    private void takeBackCommittedProducers() {
        for (TransactionalIdPool.PendingSlot slot : pool.pendingSlots()) {
            KafkaCommittable c = slot.committable;
            Producer<byte[], byte[]> producer =
                    TransactionHandoff.takeReturned(c.transactionalId(), c.session());
            if (producer != null) {
                starter.release(slot.slot, c, producer, true);
            }
        }
    }

    /**
     * Frees pending slots whose transactions the broker shows finished.
     *
     * @return whether a slot was freed
     */
    private boolean releaseFinishedSlots() throws IOException, InterruptedException {
        List<TransactionalIdPool.PendingSlot> pending = pool.pendingSlots();
        Set<String> ids = new LinkedHashSet<>();
        for (TransactionalIdPool.PendingSlot slot : pending) {
            ids.add(slot.committable.transactionalId());
        }
        Map<String, TransactionDescription> states = describe(ids);
        boolean released = false;
        for (TransactionalIdPool.PendingSlot slot : pending) {
            KafkaCommittable c = slot.committable;
            TransactionDescription d = states.get(c.transactionalId());
            if (d == null) {
                TransactionHandoff.discard(c.transactionalId(), c.session());
                pool.release(slot.slot);
                released = true;
                continue;
            }
            boolean same =
                    d.producerId() == c.session().producerId()
                            && d.producerEpoch() == c.session().epoch();
            TransactionState state = d.state();
            if (same && state == TransactionState.ONGOING) {
                continue; // the committer has not committed it yet
            }
            boolean aborted =
                    d.producerId() == c.session().producerId()
                            && (state == TransactionState.PREPARE_ABORT
                                    || state == TransactionState.COMPLETE_ABORT
                                    || state == TransactionState.PREPARE_EPOCH_FENCE);
            if (aborted && !slot.restored) {
                throw new IOException(
                        "Kafka aborted transaction "
                                + c
                                + " before its checkpoint committed it; its records are lost."
                                + " The transaction was open longer than transaction.timeout.ms ("
                                + transactionTimeoutMs
                                + " ms): raise transaction.timeout.ms (setProperty) above the"
                                + " checkpoint interval plus checkpoint duration, or check why"
                                + " checkpoints take so long.");
            }
            TransactionHandoff.discard(c.transactionalId(), c.session());
            pool.release(slot.slot);
            released = true;
        }
        if (released && protocolOne) {
            starter.initializeFreeSlots(pool.poolSize());
        }
        return released;
    }

    /**
     * Aborts the transactions earlier attempts left open, keeping those the restored checkpoint
     * recorded, and marks the latter pending.
     */
    private void recover(Collection<KafkaWriterState> restored, boolean isRestore)
            throws IOException, InterruptedException {
        TransactionRecovery.Plan plan = TransactionRecovery.plan(pool, restored);
        Map<String, KafkaCommittable> keep = plan.restoredPending();
        for (KafkaCommittable c : keep.values()) {
            int slot = pool.slotOf(c.transactionalId());
            if (slot >= 0) {
                pool.restorePending(slot, c);
            }
        }
        Set<String> candidates = new LinkedHashSet<>(plan.idsToCheck());
        if (!isRestore && subtaskIndex == 0) {
            candidates.addAll(openIdsOfOtherParallelisms(pool.prefix()));
        }

        Map<String, TransactionDescription> states = describe(candidates);
        for (Map.Entry<String, TransactionDescription> e : states.entrySet()) {
            String id = e.getKey();
            TransactionDescription d = e.getValue();
            KafkaCommittable c = keep.get(id);
            int slot = pool.slotOf(id);
            if (d.state() != TransactionState.ONGOING) {
                // No open transaction on the id: the recorded one was committed or aborted, or
                // the id moved on since (on transaction protocol 1 a producer initialized for the
                // next transaction leaves it EMPTY). Nothing the slot must keep for the committer.
                if (slot >= 0 && pool.pending(slot) != null) {
                    pool.release(slot);
                }
                continue;
            }
            if (c != null
                    && d.producerId() == c.session().producerId()
                    && d.producerEpoch() == c.session().epoch()) {
                LOG.info("Leaving transaction {} to the committer (recorded in the checkpoint)", c);
                continue;
            }
            abortLeftover(id);
            if (slot >= 0 && pool.pending(slot) != null) {
                pool.release(slot);
            }
        }
    }

    private Set<String> openIdsOfOtherParallelisms(String prefix) throws InterruptedException {
        Set<String> ids = new LinkedHashSet<>();
        try {
            Collection<TransactionListing> listings =
                    admin.listTransactions(
                                    new ListTransactionsOptions()
                                            .filterOnTransactionalIdPattern(
                                                    TransactionalIdPool.idPattern(prefix))
                                            .filterStates(List.of(TransactionState.ONGOING)))
                            .all()
                            .get(clientTimeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TransactionListing listing : listings) {
                int p = TransactionalIdPool.parallelismOf(prefix, listing.transactionalId());
                if (p >= 0 && p != parallelism) {
                    ids.add(listing.transactionalId());
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            AuthenticationFailures.rethrowIfAuthentication(
                    e, ADMIN_CLIENT, settings.bootstrapServers());
            LOG.warn(
                    "Could not list open transactions with prefix '{}' to abort those of earlier"
                            + " runs at another parallelism (they expire after"
                            + " transaction.timeout.ms): {}",
                    prefix,
                    e.toString());
        }
        return ids;
    }

    private void abortLeftover(String id) throws IOException {
        TransactionRecovery.abort(
                this::createProducer,
                id,
                TRANSACTIONAL_PRODUCER_CLIENT,
                settings.bootstrapServers());
        pipelineMetrics.onTransactionAborted();
    }

    private Map<String, TransactionDescription> describe(Collection<String> ids)
            throws IOException, InterruptedException {
        return TransactionRecovery.describe(
                admin, ids, clientTimeout, ADMIN_CLIENT, settings.bootstrapServers());
    }

    private Producer<byte[], byte[]> createProducer(String transactionalId) {
        return clients.createProducer(
                ProducerProperties.transactional(
                        producerProperties(), transactionalId, transactionalId));
    }

    private static void closeQuietly(@Nullable Admin admin) {
        if (admin != null) {
            try {
                admin.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Error closing admin client", e);
            }
        }
    }

    /** The transaction being filled. */
    private static final class Current {
        final int slot;
        final String id;
        final Producer<byte[], byte[]> producer;
        long records;

        Current(int slot, String id, Producer<byte[], byte[]> producer) {
            this.slot = slot;
            this.id = id;
            this.producer = producer;
        }
    }
}
