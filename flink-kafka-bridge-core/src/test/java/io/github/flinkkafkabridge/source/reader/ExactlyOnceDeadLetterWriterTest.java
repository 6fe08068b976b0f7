package io.github.flinkkafkabridge.source.reader;

import static io.github.flinkkafkabridge.testing.FakeTransactionalKafka.state;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.testing.FakeTransactionalKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EXACTLY_ONCE dead-letter writer's transactions with fake clients: when one is opened,
 * prepared, committed and aborted, and what a restore commits and aborts. The real protocol runs in
 * DeadLetterExactlyOnceIT.
 */
class ExactlyOnceDeadLetterWriterTest {

    private static final IOException CAUSE = new IOException("not a record");

    private final String prefix = "dlq-" + UUID.randomUUID();

    private final FakeTransactionalKafka kafka = new FakeTransactionalKafka();

    /** Per transactional id, what the fake broker describes; absent: never seen. */
    private final Map<String, TransactionDescription> broker = kafka.broker;

    /** Producers created for writing or aborting, in order, with their transactional id. */
    private final List<Map.Entry<String, MockProducer<byte[], byte[]>>> producers = kafka.producers;

    /** Transactions resumed to be committed, in order. */
    private final List<KafkaCommittable> resumed = kafka.resumed;

    private final List<ExactlyOnceDeadLetterWriter> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() {
        writers.forEach(ExactlyOnceDeadLetterWriter::close);
    }

    private ExactlyOnceDeadLetterWriter writer(int subtask, int parallelism) {
        Properties consumer = new Properties();
        consumer.setProperty("bootstrap.servers", "127.0.0.1:1");
        DeadLetterSettings settings =
                new DeadLetterSettings(
                        "orders-dlq",
                        DeliveryGuarantee.EXACTLY_ONCE,
                        prefix,
                        Duration.ofMinutes(15),
                        consumer,
                        "reader",
                        Duration.ofSeconds(5),
                        "source-" + prefix);
        ExactlyOnceDeadLetterWriter writer =
                new ExactlyOnceDeadLetterWriter(
                        settings,
                        kafka,
                        subtask,
                        parallelism,
                        "job-" + prefix,
                        1_000,
                        Runnable::run);
        writers.add(writer);
        return writer;
    }

    private static ConsumerRecord<byte[], byte[]> bad(long offset) {
        return new ConsumerRecord<>(
                "orders", 0, offset, "k".getBytes(UTF_8), ("poison" + offset).getBytes(UTF_8));
    }

    private MockProducer<byte[], byte[]> producer(int index) {
        return kafka.producer(index);
    }

    private static List<String> values(List<ProducerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(new String(r.value(), UTF_8)));
        return values;
    }

    @Test
    void withoutBadRecordsNoTransactionIsEverBegun() throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(1, 2);
        writer.recover();

        KafkaWriterState state = writer.snapshotState(1);
        writer.notifyCheckpointComplete(1);
        writer.snapshotState(2);
        writer.close();

        assertThat(producers).as("producers created").isEmpty();
        assertThat(state.pending()).isEmpty();
        assertThat(state.transactionalIdPrefix()).isEqualTo(prefix);
        assertThat(state.parallelism()).isEqualTo(2);
        assertThat(state.subtaskIndex()).isEqualTo(1);
    }

    @Test
    void theFirstDeadLetterOpensATransactionThatCommitsWhenItsCheckpointCompletes()
            throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(1, 2);
        writer.recover();

        writer.write(bad(5), CAUSE);
        writer.write(bad(9), CAUSE);
        assertThat(producers).hasSize(1);
        assertThat(producers.get(0).getKey()).isEqualTo(prefix + "-2-1-0");
        assertThat(producer(0).transactionInFlight()).isTrue();

        KafkaWriterState state = writer.snapshotState(1);
        assertThat(producer(0).flushed()).isTrue();
        assertThat(state.pending())
                .extracting(KafkaCommittable::transactionalId)
                .containsExactly(prefix + "-2-1-0");
        assertThat(producer(0).history()).as("committed before the checkpoint completed").isEmpty();

        writer.notifyCheckpointComplete(1);

        assertThat(values(producer(0).history())).containsExactly("poison5", "poison9");
        assertThat(writer.snapshotState(2).pending()).isEmpty();
    }

    @Test
    void aTransactionOfACheckpointNotYetCompletedStaysInTheStateAndBlocksItsId() throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);
        writer.recover();
        writer.write(bad(1), CAUSE);
        KafkaCommittable first = writer.snapshotState(1).pending().get(0);

        writer.write(bad(2), CAUSE);
        KafkaWriterState second = writer.snapshotState(2);

        assertThat(second.pending()).hasSize(2).startsWith(first);
        assertThat(second.pending().get(1).transactionalId()).isEqualTo(prefix + "-1-0-1");

        // Checkpoint 1 never completes; checkpoint 2 does, and commits both.
        writer.notifyCheckpointComplete(2);
        assertThat(values(producer(0).history())).containsExactly("poison1");
        assertThat(values(producer(1).history())).containsExactly("poison2");
        assertThat(writer.pendingTransactions()).isEmpty();
    }

    @Test
    void aCommittedIdIsReusedWithItsProducerOnlyOnTransactionProtocol2() throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);
        writer.recover();
        writer.write(bad(1), CAUSE);
        writer.snapshotState(1);
        writer.notifyCheckpointComplete(1);
        writer.write(bad(2), CAUSE);
        writer.snapshotState(2);
        writer.notifyCheckpointComplete(2);
        assertThat(producers).as("one producer, reused").hasSize(1);

        kafka.transactionV2 = false;
        writer.write(bad(3), CAUSE);
        writer.snapshotState(3);
        writer.notifyCheckpointComplete(3);
        writer.write(bad(4), CAUSE);

        // Without an epoch bump per transaction, a restore could not tell the next transaction
        // of the id from the committed one: the id gets a new producer (and epoch), initialized
        // as soon as the commit is done.
        assertThat(producers).hasSize(2);
        assertThat(producers.get(1).getKey()).isEqualTo(prefix + "-1-0-0");
        assertThat(producer(0).closed()).isTrue();
        assertThat(producer(1).transactionInitialized()).isTrue();
        assertThat(values(producer(1).uncommittedRecords())).containsExactly("poison4");
    }

    @Test
    void closeAbortsTheOpenTransactionAndLeavesPreparedOnesToTheRestore() throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);
        writer.recover();
        writer.write(bad(1), CAUSE);
        writer.snapshotState(1);
        writer.write(bad(2), CAUSE);

        writer.close();

        assertThat(producer(0).transactionAborted()).as("prepared").isFalse();
        assertThat(producer(0).closed()).isTrue();
        assertThat(producer(1).transactionAborted()).as("open").isTrue();
        assertThat(producer(1).closed()).isTrue();
    }

    @Test
    void recoverCommitsTheRestoredTransactionsAndAbortsEveryOtherOpenOneOfItsIds()
            throws Exception {
        KafkaCommittable recorded =
                new KafkaCommittable(prefix + "-2-1-0", new ProducerSession(7, (short) 2, true));
        KafkaCommittable lingering =
                new KafkaCommittable(prefix + "-2-1-3", new ProducerSession(9, (short) 0, true));
        broker.put(recorded.transactionalId(), state(TransactionState.ONGOING, recorded));
        broker.put(lingering.transactionalId(), state(TransactionState.ONGOING, lingering));
        ExactlyOnceDeadLetterWriter writer = writer(1, 2);

        writer.restoreState(new KafkaWriterState(prefix, 2, 1, 5, List.of(recorded)));
        writer.recover();

        assertThat(resumed).containsExactly(recorded);
        assertThat(producers).hasSize(1);
        assertThat(producers.get(0).getKey()).isEqualTo(lingering.transactionalId());
        assertThat(producer(0).transactionInitialized())
                .as("initTransactions aborts the open transaction")
                .isTrue();
        assertThatThrownBy(
                        () -> writer.restoreState(new KafkaWriterState(prefix, 2, 1, 5, List.of())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterRescalingTheReaderThatGetsAStateCommitsAndCleansItsIdSpace() throws Exception {
        KafkaCommittable recorded =
                new KafkaCommittable(prefix + "-4-3-1", new ProducerSession(7, (short) 0, true));
        KafkaCommittable lingering =
                new KafkaCommittable(prefix + "-4-3-2", new ProducerSession(8, (short) 0, true));
        KafkaCommittable otherReaders =
                new KafkaCommittable(prefix + "-4-2-0", new ProducerSession(9, (short) 0, true));
        for (KafkaCommittable c : List.of(recorded, lingering, otherReaders)) {
            broker.put(c.transactionalId(), state(TransactionState.ONGOING, c));
        }
        ExactlyOnceDeadLetterWriter writer = writer(0, 2);

        writer.restoreState(new KafkaWriterState(prefix, 4, 3, 5, List.of(recorded)));
        writer.recover();

        assertThat(resumed).containsExactly(recorded);
        assertThat(producers)
                .extracting(Map.Entry::getKey)
                .as("aborted; subtask 2's ids are left to whichever reader got its state")
                .containsExactly(lingering.transactionalId());
    }

    @Test
    void aRestoredTransactionAnEarlierAttemptCommittedIsTakenAsDone() throws Exception {
        KafkaCommittable recorded =
                new KafkaCommittable(prefix + "-1-0-0", new ProducerSession(7, (short) 2, true));
        kafka.fenceResumedCommits = true;
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);

        writer.restoreState(new KafkaWriterState(prefix, 1, 0, 5, List.of(recorded)));
        writer.recover();
        writer.write(bad(1), CAUSE);

        assertThat(resumed).isEmpty();
        assertThat(producers).extracting(Map.Entry::getKey).containsExactly(prefix + "-1-0-0");
    }

    @Test
    void whenEveryIdWaitsForACheckpointTheNextDeadLetterFailsNamingThem() throws Exception {
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);
        writer.recover();
        for (int checkpoint = 1;
                checkpoint <= ExactlyOnceDeadLetterWriter.POOL_SIZE;
                checkpoint++) {
            writer.write(bad(checkpoint), CAUSE);
            writer.snapshotState(checkpoint);
        }

        assertThatThrownBy(() -> writer.write(bad(99), CAUSE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("All 5 dead-letter transactional ids")
                .hasMessageContaining(prefix + "-1-0-4");
    }

    @Test
    void aRejectedDeadLetterFailsTheCheckpoint() throws Exception {
        kafka.autoComplete = false;
        ExactlyOnceDeadLetterWriter writer = writer(0, 1);
        writer.recover();
        writer.write(bad(1), CAUSE);
        producer(0).errorNext(new org.apache.kafka.common.errors.RecordTooLargeException("big"));

        assertThatThrownBy(() -> writer.snapshotState(1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("orders-0 at offset 1")
                .hasMessageContaining("'orders-dlq'");
    }
}
