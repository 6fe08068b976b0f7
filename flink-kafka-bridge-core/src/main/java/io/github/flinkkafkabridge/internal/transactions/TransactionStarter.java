package io.github.flinkkafkabridge.internal.transactions;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands an EXACTLY_ONCE writer a producer with a begun transaction on a slot of its {@link
 * TransactionalIdPool}, and decides which producer begins the slot's next transaction once this one
 * is finished. The sink's EXACTLY_ONCE writer and the source's EXACTLY_ONCE dead-letter writer both
 * use it; they differ only in how their producers are created, how long they may wait and how their
 * messages name things.
 *
 * <ul>
 *   <li>{@link #takeFreeSlot()} prefers a free slot whose producer is ready, so that beginning its
 *       transaction seldom waits for Kafka.
 *   <li>{@link #begin(int)} begins the transaction with the slot's spare producer (made ready ahead
 *       of time, on a background thread for new producers) when it has one, else with a new
 *       producer created and initialized on the calling thread.
 *   <li>{@link #release} frees a slot whose transaction is finished. The producer that committed it
 *       begins the slot's next transaction only on transaction protocol 2, where the commit bumped
 *       its epoch. On protocol 1 the next transaction would have the committed one's producer id
 *       and epoch, and a restore from a checkpoint that recorded the committed one would commit it
 *       too; so a new producer, initialized in the background at once, takes over the id with a new
 *       epoch.
 * </ul>
 *
 * <p>Failures name the transactional id and the cluster; the cluster rejecting the credentials
 * surfaces as a {@link io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException}.
 *
 * <p>Owned by one writer (which also owns the pool) and called from its task thread. {@link
 * #close()} closes the producers kept ready, including those still initializing; the producers
 * handed out belong to the writer.
 */
public final class TransactionStarter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionStarter.class);

    private final TransactionalIdPool pool;
    private final TransactionalProducerFactory producers;
    private final Duration maxBlock;
    private final Wording wording;

    /** Per free slot: a producer for its next transaction, ready or initializing. */
    private final ProducerSpares spares;

    /**
     * Creates a starter for the slots of a writer's pool, with no producer ready yet.
     *
     * @param pool the writer's pool; the starter begins transactions on its slots
     * @param producers creates the producers for the pool's ids
     * @param maxBlock how long {@link #begin} waits for a producer still initializing in the
     *     background; quoted in errors as the producers' {@code max.block.ms}, which also bounds a
     *     new producer's initialization
     * @param wording how errors and logs name things
     * @param sparesExecutor where producers are initialized ahead of time; null for daemon threads
     *     of the starter's own (tests run them inline)
     * @param sparesThreadName the name prefix of those threads
     */
    public TransactionStarter(
            TransactionalIdPool pool,
            TransactionalProducerFactory producers,
            Duration maxBlock,
            Wording wording,
            @Nullable Executor sparesExecutor,
            String sparesThreadName) {
        if (maxBlock.isNegative()) {
            throw new IllegalArgumentException("maxBlock must not be negative: " + maxBlock);
        }
        this.spares =
                new ProducerSpares(
                        pool.poolSize(),
                        this::initializedProducer,
                        sparesExecutor,
                        sparesThreadName);
        this.pool = pool;
        this.producers = producers;
        this.maxBlock = maxBlock;
        this.wording = wording;
    }

    /**
     * Takes the lowest free slot of the pool whose producer is ready to begin a transaction at
     * once, else the lowest free slot, and marks it current; empty when no slot is free.
     */
    public OptionalInt takeFreeSlot() {
        return pool.takeFree(spares::isReady);
    }

    /**
     * Begins a transaction on a slot the writer took from the pool (it is current): with the slot's
     * spare producer when it has one, waiting at most {@code max.block.ms} for its initialization,
     * else (or when the spare cannot begin one) with a new producer.
     *
     * <p>On failure the slot is given back to the pool.
     *
     * @return the producer, in a transaction; it belongs to the caller
     * @throws IOException when no transaction could be begun, naming the id and the cluster
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException when the cluster
     *     rejects the credentials of the producer
     * @throws InterruptedException when interrupted while waiting for the spare
     */
    public Producer<byte[], byte[]> begin(int slot) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        String id = pool.transactionalId(slot);
        boolean ready = spares.isReady(slot);
        Producer<byte[], byte[]> producer = spareOf(slot, id);
        if (producer != null) {
            try {
                producer.beginTransaction();
            } catch (KafkaException e) {
                LOG.debug("Cannot reuse the producer of {}, creating a new one: {}", id, e);
                producer.close(Duration.ZERO);
                producer = null;
            }
        }
        if (producer == null) {
            producer = newProducerInTransaction(slot, id);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Opened {} on {} in {} ms ({})",
                    wording.transactionName(),
                    id,
                    (System.nanoTime() - startNanos) / 1_000_000,
                    ready ? "its producer was ready" : "waited for its producer");
        }
        return producer;
    }

    /**
     * Frees a slot whose transaction is finished and readies the producer for its next one: {@code
     * producer}, which wrote the transaction, when it committed it on transaction protocol 2; else
     * a new producer initialized in the background ({@code producer} is closed).
     *
     * @param transaction the finished transaction
     * @param committed whether {@code producer} committed it (rather than finding it completed)
     */
    public void release(
            int slot,
            KafkaCommittable transaction,
            Producer<byte[], byte[]> producer,
            boolean committed) {
        pool.release(slot);
        if (committed && transaction.session().transactionV2()) {
            spares.offer(slot, producer);
        } else {
            // Transaction protocol 1 keeps the epoch across commits: a next transaction with this
            // producer would have the committed one's producer id and epoch, and a restore from the
            // checkpoint that recorded the committed one would commit it. A new producer's
            // initTransactions bumps the epoch instead.
            producer.close(Duration.ZERO);
            spares.initialize(slot, transaction.transactionalId());
        }
    }

    /**
     * Initializes a new producer in the background for the free slots that have none, lowest first,
     * at most {@code atMost} of them. A writer calls it as it starts, so that its first
     * transactions do not wait for Kafka on the task thread; and on transaction protocol 1, where
     * each transaction needs a new producer, for every free slot, so that one is ready for the next
     * transaction while the id committed last is still initializing.
     */
    public void initializeFreeSlots(int atMost) {
        spares.initializeFreeSlots(pool, atMost);
    }

    /** Closes the producers kept ready, those still initializing once they are done. */
    @Override
    public void close() {
        spares.close();
    }

    /** The slot's spare producer, waiting for its initialization; null when it has none. */
    @Nullable
    private Producer<byte[], byte[]> spareOf(int slot, String id)
            throws IOException, InterruptedException {
        try {
            return spares.take(slot, maxBlock);
        } catch (TimeoutException e) {
            pool.releaseCurrent(slot);
            throw new IOException(
                    "Could not start a "
                            + wording.transactionName()
                            + " with transactional id '"
                            + id
                            + "' at "
                            + wording.bootstrapServers()
                            + ": its producer's initTransactions() did not complete within"
                            + " max.block.ms = "
                            + maxBlock.toMillis()
                            + " ms",
                    e);
        } catch (InterruptedException e) {
            pool.releaseCurrent(slot);
            throw e;
        }
    }

    /** A new producer for the id after {@code initTransactions()}; runs on the spares' thread. */
    private Producer<byte[], byte[]> initializedProducer(String id) {
        Producer<byte[], byte[]> producer = producers.create(id);
        try {
            producer.initTransactions();
            return producer;
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    private Producer<byte[], byte[]> newProducerInTransaction(int slot, String id)
            throws IOException {
        Producer<byte[], byte[]> producer = null;
        try {
            producer = initializedProducer(id);
            producer.beginTransaction();
            return producer;
        } catch (KafkaException e) {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            pool.releaseCurrent(slot);
            throw TransactionalProducerFailures.failure(
                    e,
                    "Could not start a " + wording.transactionName() + " with transactional id",
                    id,
                    wording.producerClient(),
                    wording.bootstrapServers(),
                    " (bounded by max.block.ms = " + maxBlock.toMillis() + " ms)");
        }
    }

    /**
     * How a writer's errors and logs name things.
     *
     * @param transactionName what a transaction is called, e.g. {@code "Kafka transaction"} or
     *     {@code "dead-letter transaction"}
     * @param producerClient the producers' role, named with the transactional id when the cluster
     *     rejects their credentials, e.g. {@code "the KafkaBridgeSink writer's transactional
     *     producer"}
     * @param bootstrapServers the cluster
     */
    public record Wording(String transactionName, String producerClient, String bootstrapServers) {

        /** Rejects a null part, naming it. */
        public Wording {
            Objects.requireNonNull(transactionName, "transactionName");
            Objects.requireNonNull(producerClient, "producerClient");
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }
    }
}
