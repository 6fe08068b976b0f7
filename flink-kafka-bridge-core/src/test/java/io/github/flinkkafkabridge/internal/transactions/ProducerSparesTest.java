package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProducerSparesTest {

    /** Producers the initializer created, in order, with the id each was created for. */
    private final List<String> initializedIds = new ArrayList<>();

    private final List<MockProducer<byte[], byte[]>> initialized = new ArrayList<>();

    /** Initializations handed to the executor and not run yet. */
    private final List<Runnable> queued = new ArrayList<>();

    private final Executor later = queued::add;

    private boolean failInitialization;

    private final List<ProducerSpares> spares = new ArrayList<>();

    @AfterEach
    void close() {
        spares.forEach(ProducerSpares::close);
    }

    private ProducerSpares spares(int slots, Executor executor) {
        ProducerSpares created =
                new ProducerSpares(slots, this::initialize, executor, "test-producer-init");
        spares.add(created);
        return created;
    }

    private Producer<byte[], byte[]> initialize(String id) {
        if (failInitialization) {
            throw new KafkaException("coordinator not available");
        }
        MockProducer<byte[], byte[]> producer = producer();
        producer.initTransactions();
        initializedIds.add(id);
        initialized.add(producer);
        return producer;
    }

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void runQueued() {
        List<Runnable> tasks = new ArrayList<>(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void anOfferedProducerIsReadyAtOnce() throws Exception {
        ProducerSpares spares = spares(2, later);
        MockProducer<byte[], byte[]> committed = producer();

        spares.offer(1, committed);

        assertThat(spares.isReady(1)).isTrue();
        assertThat(spares.isReady(0)).isFalse();
        assertThat(spares.take(1, Duration.ZERO)).isSameAs(committed);
        assertThat(spares.take(1, Duration.ZERO)).as("taken once").isNull();
        assertThat(spares.take(0, Duration.ZERO)).as("no spare").isNull();
    }

    @Test
    void anInitializedProducerIsReadyOnceItsInitializationRan() throws Exception {
        ProducerSpares spares = spares(2, later);

        spares.initialize(0, "p-1-0-0");
        assertThat(spares.isReady(0)).isFalse();
        runQueued();

        assertThat(spares.isReady(0)).isTrue();
        assertThat(initializedIds).containsExactly("p-1-0-0");
        assertThat(spares.take(0, Duration.ZERO)).isSameAs(initialized.get(0));
        assertThat(initialized.get(0).transactionInitialized()).isTrue();
    }

    @Test
    void aFailedInitializationLeavesTheCallerToCreateAProducer() throws Exception {
        ProducerSpares spares = spares(1, Runnable::run);
        failInitialization = true;

        spares.initialize(0, "p-1-0-0");

        assertThat(spares.isReady(0)).isFalse();
        assertThat(spares.take(0, Duration.ofSeconds(1))).isNull();
    }

    @Test
    void anInitializationThatTakesTooLongFailsTheTakeAndItsProducerIsClosedWhenDone() {
        ProducerSpares spares = spares(1, later);
        spares.initialize(0, "p-1-0-0");

        assertThatThrownBy(() -> spares.take(0, Duration.ofMillis(1)))
                .isInstanceOf(TimeoutException.class);
        runQueued();

        assertThat(initialized).singleElement().satisfies(p -> assertThat(p.closed()).isTrue());
    }

    @Test
    void aReplacedOrDiscardedSpareIsClosed() {
        ProducerSpares spares = spares(2, Runnable::run);
        MockProducer<byte[], byte[]> first = producer();
        spares.offer(0, first);

        spares.initialize(0, "p-1-0-0");
        assertThat(first.closed()).isTrue();

        spares.discard(0);
        assertThat(initialized.get(0).closed()).isTrue();
        assertThat(spares.isReady(0)).isFalse();
    }

    @Test
    void closeClosesReadySparesAndThoseStillInitializing() {
        ProducerSpares spares = spares(3, later);
        MockProducer<byte[], byte[]> ready = producer();
        spares.offer(0, ready);
        spares.initialize(1, "p-1-0-1");

        spares.close();
        spares.initialize(2, "p-1-0-2");
        runQueued();

        assertThat(ready.closed()).isTrue();
        assertThat(initializedIds).as("nothing started after close").containsExactly("p-1-0-1");
        assertThat(initialized.get(0).closed()).isTrue();
    }

    @Test
    void initializesEveryFreeSlotWithoutASpare() {
        ProducerSpares spares = spares(4, Runnable::run);
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 4);
        int pending = pool.takeFree().getAsInt();
        pool.handOff(
                pending,
                new KafkaCommittable(
                        pool.transactionalId(pending), new ProducerSession(1, (short) 0, false)));
        int current = pool.takeFree().getAsInt();
        MockProducer<byte[], byte[]> committed = producer();
        spares.offer(2, committed);

        spares.initializeFreeSlots(pool, pool.poolSize());

        assertThat(pending).isZero();
        assertThat(current).isEqualTo(1);
        assertThat(initializedIds).containsExactly("p-1-0-3");
        assertThat(committed.closed()).as("a spare is kept").isFalse();
    }

    @Test
    void initializesAtMostTheGivenNumberOfFreeSlotsLowestFirst() {
        ProducerSpares spares = spares(4, Runnable::run);
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 4);
        spares.offer(1, producer());

        spares.initializeFreeSlots(pool, 2);

        assertThat(initializedIds).containsExactly("p-1-0-0", "p-1-0-2");
        assertThat(spares.isReady(3)).isFalse();
    }

    @Test
    void withoutAnExecutorInitializationsRunOnDaemonThreadsOfTheirOwn() throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        ProducerSpares own =
                new ProducerSpares(
                        2,
                        id -> {
                            thread.complete(Thread.currentThread());
                            return initialize(id);
                        },
                        null,
                        "kafka-sink-producer-init-test");
        this.spares.add(own);

        own.initialize(1, "p-1-0-1");

        Thread initializer = thread.get(10, TimeUnit.SECONDS);
        assertThat(initializer.getName()).startsWith("kafka-sink-producer-init-test-");
        assertThat(initializer.isDaemon()).isTrue();
        assertThat(initializer.getContextClassLoader())
                .isSameAs(Thread.currentThread().getContextClassLoader());
        assertThat(own.take(1, Duration.ofSeconds(10))).isSameAs(initialized.get(0));
    }
}
