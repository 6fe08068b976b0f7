package io.github.flinkkafkabridge.internal.transactions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producers made ready ahead of time for the free slots of a writer's {@link TransactionalIdPool},
 * so that opening a transaction seldom waits for Kafka on the task thread.
 *
 * <p>A slot's spare is either the producer whose transaction was just committed, ready to begin the
 * next one (transaction protocol 2, where the commit moved its epoch on), or a new producer for the
 * slot's id whose {@code initTransactions()} runs on a background thread (as a writer starts, and
 * on transaction protocol 1, where the epoch stays the same across commits and only a new
 * producer's {@code initTransactions()} moves it on). Such a new producer needs at least one round
 * trip to the transaction coordinator and, on its fresh connection, about one {@code
 * retry.backoff.ms} (100 ms by default) before {@code InitProducerId} is answered; done on the task
 * thread at the first record after each checkpoint, that wait held the checkpoint barrier back and,
 * with checkpoints every few hundred milliseconds, let a writer write a handful of records per
 * checkpoint.
 *
 * <p>A spare may only be started for a slot whose transaction is finished (committed, or never
 * begun): {@code initTransactions()} aborts an open transaction of its id.
 *
 * <p>Owned by one writer and called from its task thread; the initializations run on daemon threads
 * (at most one per slot, created on first use and ended after {@code IDLE_THREAD_TIMEOUT} without
 * work) unless the writer hands in another {@link Executor}. {@link #close()} closes every spare,
 * including those still initializing.
 */
final class ProducerSpares implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerSpares.class);

    /** How long an initialization thread without work lives. */
    private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofSeconds(30);

    private final Function<String, Producer<byte[], byte[]>> initialized;
    private final String threadName;
    @Nullable private Executor executor;
    @Nullable private ExecutorService ownExecutor;

    /** Per slot: the spare, done or initializing; null when the slot has none. */
    private final CompletableFuture<Producer<byte[], byte[]>>[] spares;

    private boolean closed;

    /**
     * @param slots the pool size
     * @param initialized creates a producer for a transactional id and calls {@code
     *     initTransactions()} on it, closing it when that fails; called on the executor
     * @param executor where initializations run, or null for daemon threads of its own
     * @param threadName the name prefix of those threads
     */
    ProducerSpares(
            int slots,
            Function<String, Producer<byte[], byte[]>> initialized,
            @Nullable Executor executor,
            String threadName) {
        this.initialized = initialized;
        this.executor = executor;
        this.threadName = threadName;
        @SuppressWarnings("unchecked")
        CompletableFuture<Producer<byte[], byte[]>>[] array = new CompletableFuture[slots];
        this.spares = array;
    }

    /** Keeps a producer ready to begin its next transaction as the slot's spare. */
    public void offer(int slot, Producer<byte[], byte[]> producer) {
        replace(slot, CompletableFuture.completedFuture(producer));
    }

    /**
     * Starts a new producer for the slot's transactional id in the background: {@code
     * initTransactions()} gives it a new epoch. The slot's transaction must be finished.
     */
    public void initialize(int slot, String transactionalId) {
        if (closed) {
            return;
        }
        Executor target = executor();
        CompletableFuture<Producer<byte[], byte[]>> spare =
                CompletableFuture.supplyAsync(() -> initialized.apply(transactionalId), target);
        replace(slot, spare);
        LOG.debug("Initializing a new producer for {} in the background", transactionalId);
    }

    /**
     * Starts a new producer in the background for the slots of the pool that are free and have no
     * spare yet, lowest first, at most {@code atMost} of them.
     */
    public void initializeFreeSlots(TransactionalIdPool pool, int atMost) {
        int started = 0;
        for (int slot = 0; slot < spares.length && started < atMost; slot++) {
            if (spares[slot] == null && pool.isFree(slot)) {
                initialize(slot, pool.transactionalId(slot));
                started++;
            }
        }
    }

    /** Whether the slot has a spare that can begin a transaction at once. */
    public boolean isReady(int slot) {
        CompletableFuture<Producer<byte[], byte[]>> spare = spares[slot];
        return spare != null && spare.isDone() && !spare.isCompletedExceptionally();
    }

    /**
     * Takes the slot's spare, waiting for its initialization at most {@code maxWait}.
     *
     * @return the producer, ready for {@code beginTransaction()}; null when the slot has no spare
     *     or its initialization failed (logged), so the caller creates one itself
     * @throws TimeoutException when the initialization takes longer than {@code maxWait}; the spare
     *     is closed once it completes. The caller must not create another producer for the id
     *     meanwhile: its {@code initTransactions()} and the spare's would fence each other.
     */
    @Nullable
    public Producer<byte[], byte[]> take(int slot, Duration maxWait)
            throws InterruptedException, TimeoutException {
        CompletableFuture<Producer<byte[], byte[]>> spare = spares[slot];
        spares[slot] = null;
        if (spare == null) {
            return null;
        }
        try {
            return spare.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.debug(
                    "The background initialization of a producer for slot {} failed: {}",
                    slot,
                    e.getCause() == null ? e : e.getCause().toString());
            return null;
        } catch (TimeoutException | InterruptedException e) {
            spare.whenComplete(ProducerSpares::closeQuietly);
            throw e;
        }
    }

    /** Closes the slot's spare, if any: the slot's id is about to be used otherwise. */
    public void discard(int slot) {
        replace(slot, null);
    }

    /** Closes every spare (those still initializing once they are done) and the thread. */
    @Override
    public void close() {
        closed = true;
        for (int slot = 0; slot < spares.length; slot++) {
            discard(slot);
        }
        if (ownExecutor != null) {
            // Interrupts a running initTransactions(); the initializer closes its producer.
            ownExecutor.shutdownNow();
            ownExecutor = null;
        }
    }

    private void replace(int slot, @Nullable CompletableFuture<Producer<byte[], byte[]>> spare) {
        if (closed && spare != null) {
            spare.whenComplete(ProducerSpares::closeQuietly);
            return;
        }
        CompletableFuture<Producer<byte[], byte[]>> previous = spares[slot];
        spares[slot] = spare;
        if (previous != null && previous != spare) {
            previous.whenComplete(ProducerSpares::closeQuietly);
        }
    }

    private Executor executor() {
        if (executor == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            AtomicInteger threads = new AtomicInteger();
            // One thread per slot at most: initializations mostly wait for the broker, and one
            // slot's wait must not delay another's.
            ThreadPoolExecutor pool =
                    new ThreadPoolExecutor(
                            spares.length,
                            spares.length,
                            IDLE_THREAD_TIMEOUT.toMillis(),
                            TimeUnit.MILLISECONDS,
                            new LinkedBlockingQueue<>(),
                            task -> {
                                Thread thread =
                                        new Thread(
                                                task, threadName + "-" + threads.incrementAndGet());
                                thread.setDaemon(true);
                                // Kafka loads configured classes (serializers) through it.
                                thread.setContextClassLoader(loader);
                                return thread;
                            });
            pool.allowCoreThreadTimeOut(true);
            ownExecutor = pool;
            executor = pool;
        }
        return executor;
    }

    private static void closeQuietly(
            @Nullable Producer<byte[], byte[]> producer, @Nullable Throwable error) {
        if (producer != null) {
            try {
                // Without timeout: sends nothing; the producer has no open transaction.
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Error closing a spare producer", e);
            }
        }
    }
}
