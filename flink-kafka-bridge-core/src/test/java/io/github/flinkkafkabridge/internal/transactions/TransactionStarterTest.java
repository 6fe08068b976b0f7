package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.testing.FakeTransactionalKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which producer begins a transaction on a slot (a spare made ready ahead, or a new one), what
 * becomes of a producer whose transaction finished on each transaction protocol, and how failures
 * are reported; with mock producers and the background initializations run inline or on demand.
 */
class TransactionStarterTest {

    private static final String PREFIX = "starter";
    private static final String SERVERS = "127.0.0.1:1";
    private static final String CLIENT = "the test's transactional producer";

    private final FakeTransactionalKafka kafka = new FakeTransactionalKafka();
    private final TransactionalIdPool pool = new TransactionalIdPool(PREFIX, 2, 1, 3);

    /** Background initializations not run yet, for a starter that defers them. */
    private final List<Runnable> queued = new ArrayList<>();

    private final List<TransactionStarter> starters = new ArrayList<>();
    private long nextProducerId = 1;

    @AfterEach
    void closeStarters() {
        starters.forEach(TransactionStarter::close);
    }

    private TransactionStarter starter(Executor sparesExecutor, Duration maxBlock) {
        TransactionStarter starter =
                new TransactionStarter(
                        pool,
                        kafka.transactionalProducers(),
                        maxBlock,
                        new TransactionStarter.Wording("test transaction", CLIENT, SERVERS),
                        sparesExecutor,
                        "test-producer-init");
        starters.add(starter);
        return starter;
    }

    private TransactionStarter inlineStarter() {
        return starter(Runnable::run, Duration.ofSeconds(5));
    }

    private TransactionStarter deferringStarter(Duration maxBlock) {
        return starter(queued::add, maxBlock);
    }

    private void runQueued() {
        List<Runnable> tasks = new ArrayList<>(queued);
        queued.clear();
        tasks.forEach(Runnable::run);
    }

    private MockProducer<byte[], byte[]> lastProducer() {
        return kafka.producer(kafka.producers.size() - 1);
    }

    /** Takes a free slot and begins a transaction on it, as a writer does. */
    private Opened open(TransactionStarter starter) throws Exception {
        int slot = starter.takeFreeSlot().orElseThrow();
        return new Opened(slot, starter.begin(slot));
    }

    /** Prepares and commits the opened transaction, as writer and committer do at a checkpoint. */
    private KafkaCommittable commit(Opened opened, boolean transactionV2) {
        KafkaCommittable c =
                new KafkaCommittable(
                        pool.transactionalId(opened.slot),
                        new ProducerSession(nextProducerId++, (short) 0, transactionV2));
        pool.handOff(opened.slot, c);
        opened.producer.commitTransaction();
        return c;
    }

    /**
     * Commits the opened transaction and releases its slot, as the writer does once it learns of
     * the commit.
     *
     * @param committed whether the producer committed it rather than finding it completed
     */
    private void finish(
            TransactionStarter starter, Opened opened, boolean transactionV2, boolean committed) {
        starter.release(opened.slot, commit(opened, transactionV2), opened.producer, committed);
    }

    @Test
    void withoutASpareANewProducerIsInitializedAndBeginsTheTransaction() throws Exception {
        TransactionStarter starter = inlineStarter();

        Opened opened = open(starter);

        assertThat(opened.slot).isZero();
        assertThat(kafka.producers).extracting(Map.Entry::getKey).containsExactly("starter-2-1-0");
        assertThat(opened.producer).isSameAs(kafka.producer(0));
        assertThat(kafka.producer(0).transactionInitialized()).isTrue();
        assertThat(kafka.producer(0).transactionInFlight()).isTrue();
    }

    @Test
    void onTransactionProtocol2TheCommittedProducerBeginsItsIdsNextTransaction() throws Exception {
        TransactionStarter starter = inlineStarter();
        Opened first = open(starter);
        Opened second = open(starter);
        // The first slot's transaction is seen finished on the broker: free, without a spare.
        commit(first, true);
        pool.release(first.slot);
        first.producer.close();

        finish(starter, second, true, true);
        Opened next = open(starter);

        assertThat(next.slot).as("the slot whose producer is ready, not the lowest free").isOne();
        assertThat(next.producer).isSameAs(second.producer);
        assertThat(second.producer.closed()).isFalse();
        assertThat(second.producer.transactionInFlight()).isTrue();
        assertThat(kafka.producers).as("no new producer").hasSize(2);
    }

    @Test
    void onTransactionProtocol1TheCommittedProducerIsClosedAndANewOneTakesOverTheId()
            throws Exception {
        TransactionStarter starter = deferringStarter(Duration.ofSeconds(5));
        Opened first = open(starter);

        finish(starter, first, false, true);

        assertThat(first.producer.closed()).isTrue();
        assertThat(kafka.producers).as("the new producer is still initializing").hasSize(1);
        runQueued();
        MockProducer<byte[], byte[]> replacement = lastProducer();
        assertThat(kafka.producers.get(1).getKey()).isEqualTo("starter-2-1-0");
        assertThat(replacement.transactionInitialized())
                .as("initialized in the background")
                .isTrue();
        assertThat(replacement.transactionInFlight()).isFalse();

        Opened next = open(starter);
        assertThat(next.slot).isZero();
        assertThat(next.producer).isSameAs(replacement);
        assertThat(replacement.transactionInFlight()).isTrue();
    }

    @Test
    void aProducerThatFoundItsTransactionAlreadyCompletedIsNotReused() throws Exception {
        TransactionStarter starter = inlineStarter();
        Opened first = open(starter);

        finish(starter, first, true, false);
        Opened next = open(starter);

        assertThat(first.producer.closed()).isTrue();
        assertThat(next.producer).isNotSameAs(first.producer).isSameAs(lastProducer());
        assertThat(kafka.producers)
                .extracting(Map.Entry::getKey)
                .containsExactly("starter-2-1-0", "starter-2-1-0");
    }

    @Test
    void aSpareThatFailedToInitializeIsReplacedByANewProducer() throws Exception {
        TransactionStarter starter = inlineStarter();
        Opened first = open(starter);
        kafka.initTransactionsError = new KafkaException("coordinator not available");
        finish(starter, first, false, true);
        assertThat(lastProducer().closed()).as("the failed spare").isTrue();
        kafka.initTransactionsError = null;

        Opened next = open(starter);

        assertThat(next.slot).isZero();
        assertThat(kafka.producers).hasSize(3);
        assertThat(next.producer).isSameAs(lastProducer());
        assertThat(lastProducer().transactionInFlight()).isTrue();
    }

    @Test
    void aSpareThatCannotBeginATransactionIsClosedAndReplaced() throws Exception {
        TransactionStarter starter = inlineStarter();
        Opened first = open(starter);
        finish(starter, first, true, true);
        kafka.producer(0).beginTransactionException = new ProducerFencedException("fenced");

        Opened next = open(starter);

        assertThat(kafka.producer(0).closed()).isTrue();
        assertThat(next.producer).isSameAs(kafka.producer(1));
        assertThat(kafka.producer(1).transactionInFlight()).isTrue();
    }

    @Test
    void rejectedCredentialsSurfaceAsAnAuthenticationFailureNamingTheProducerAndFreeTheSlot()
            throws Exception {
        TransactionStarter starter = inlineStarter();
        kafka.initTransactionsError =
                new SaslAuthenticationException("Invalid username or password");
        int slot = starter.takeFreeSlot().orElseThrow();

        assertThatThrownBy(() -> starter.begin(slot))
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining(
                        "Kafka at " + SERVERS + " rejected the credentials of " + CLIENT)
                .hasMessageContaining("'starter-2-1-0'")
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(pool.isFree(slot)).isTrue();
        assertThat(kafka.producer(0).closed()).isTrue();
    }

    @Test
    void anotherFailureToInitializeANewProducerNamesTheIdTheClusterAndTheTimeout()
            throws Exception {
        TransactionStarter starter = inlineStarter();
        kafka.initTransactionsError = new KafkaException("coordinator not available");
        int slot = starter.takeFreeSlot().orElseThrow();

        assertThatThrownBy(() -> starter.begin(slot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(
                        "Could not start a test transaction with transactional id"
                                + " 'starter-2-1-0' at "
                                + SERVERS)
                .hasMessageContaining("max.block.ms = 5000 ms")
                .hasMessageContaining("coordinator not available");
        assertThat(pool.isFree(slot)).isTrue();
        assertThat(kafka.producer(0).closed()).isTrue();
    }

    @Test
    void aSpareStillInitializingAfterMaxBlockFailsTheBeginAndIsClosedWhenDone() throws Exception {
        TransactionStarter starter = deferringStarter(Duration.ZERO);
        Opened first = open(starter);
        finish(starter, first, false, true);
        int slot = starter.takeFreeSlot().orElseThrow();
        assertThat(slot).isZero();

        assertThatThrownBy(() -> starter.begin(slot))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("transactional id 'starter-2-1-0' at " + SERVERS)
                .hasMessageContaining("initTransactions() did not complete within max.block.ms")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(pool.isFree(slot)).isTrue();
        assertThat(kafka.producers).as("no second producer for the id meanwhile").hasSize(1);

        runQueued();
        assertThat(lastProducer().closed()).as("the late spare").isTrue();
    }

    @Test
    void anInterruptedWaitForASpareGivesTheSlotBack() throws Exception {
        TransactionStarter starter = deferringStarter(Duration.ofSeconds(30));
        Opened first = open(starter);
        finish(starter, first, false, true);
        int slot = starter.takeFreeSlot().orElseThrow();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> starter.begin(slot)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(pool.isFree(slot)).isTrue();
    }

    @Test
    void initializeFreeSlotsKeepsAProducerReadyForEveryFreeSlotWithout() throws Exception {
        TransactionStarter starter = inlineStarter();
        Opened first = open(starter);

        starter.initializeFreeSlots(pool.poolSize());

        assertThat(kafka.producers)
                .extracting(Map.Entry::getKey)
                .containsExactly("starter-2-1-0", "starter-2-1-1", "starter-2-1-2");
        Opened next = open(starter);
        assertThat(next.slot).isOne();
        assertThat(next.producer).isSameAs(kafka.producer(1));
        assertThat(kafka.producers).hasSize(3);
        assertThat(first.producer.closed()).isFalse();
    }

    @Test
    void closeClosesTheSparesIncludingThoseStillInitializing() throws Exception {
        TransactionStarter starter = deferringStarter(Duration.ofSeconds(5));
        Opened first = open(starter);
        runQueued();
        Opened second = open(starter);
        finish(starter, first, true, true);
        finish(starter, second, false, true);

        starter.close();

        assertThat(first.producer.closed()).as("a ready spare").isTrue();
        runQueued();
        assertThat(lastProducer().closed()).as("a spare initializing at close").isTrue();
    }

    @Test
    void aNegativeMaxBlockIsRejected() {
        assertThatThrownBy(
                        () ->
                                new TransactionStarter(
                                        pool,
                                        kafka.transactionalProducers(),
                                        Duration.ofMillis(-1),
                                        new TransactionStarter.Wording("t", CLIENT, SERVERS),
                                        null,
                                        "test-producer-init"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBlock");
    }

    /** A transaction begun on a slot. */
    private static final class Opened {
        final int slot;
        final MockProducer<byte[], byte[]> producer;

        Opened(int slot, Producer<byte[], byte[]> producer) {
            this.slot = slot;
            this.producer = (MockProducer<byte[], byte[]>) producer;
        }
    }
}
