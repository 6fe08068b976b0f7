package io.github.flinkkafkabridge.source.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.sink.committer.KafkaCommittable;
import io.github.flinkkafkabridge.sink.internals.ProducerSession;
import io.github.flinkkafkabridge.sink.writer.KafkaClientFactory;
import io.github.flinkkafkabridge.sink.writer.KafkaWriterState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

    /** Per transactional id, what the fake broker describes; absent: never seen. */
    private final Map<String, TransactionDescription> broker = new HashMap<>();

    /** Producers created for writing or aborting, in order, with their transactional id. */
    private final List<Map.Entry<String, MockProducer<byte[], byte[]>>> producers =
            new ArrayList<>();

    /** Transactions resumed to be committed, in order. */
    private final List<KafkaCommittable> resumed = new ArrayList<>();

    private final List<ExactlyOnceDeadLetterWriter> writers = new ArrayList<>();
    private long nextProducerId = 100;
    private boolean transactionV2 = true;
    private boolean autoComplete = true;

    /** Whether the coordinator answers a resumed commit as fenced (the id's epoch moved on). */
    private boolean fenceResumedCommits;

    @AfterEach
    void closeWriters() {
        writers.forEach(ExactlyOnceDeadLetterWriter::close);
    }

    private final KafkaClientFactory clients =
            new KafkaClientFactory() {
                @Override
                public Producer<byte[], byte[]> createProducer(Properties properties) {
                    MockProducer<byte[], byte[]> producer =
                            new MockProducer<>(
                                    autoComplete,
                                    null,
                                    new ByteArraySerializer(),
                                    new ByteArraySerializer());
                    producers.add(Map.entry(properties.getProperty("transactional.id"), producer));
                    return producer;
                }

                @Override
                public Producer<byte[], byte[]> resumeTransaction(
                        Properties properties, ProducerSession session) {
                    KafkaCommittable c =
                            new KafkaCommittable(
                                    properties.getProperty("transactional.id"), session);
                    MockProducer<byte[], byte[]> producer =
                            new MockProducer<>(
                                    true,
                                    null,
                                    new ByteArraySerializer(),
                                    new ByteArraySerializer()) {
                                @Override
                                public void commitTransaction() {
                                    if (fenceResumedCommits) {
                                        throw new ProducerFencedException("epoch moved on");
                                    }
                                    super.commitTransaction();
                                    resumed.add(c);
                                    broker.put(
                                            c.transactionalId(),
                                            state(TransactionState.COMPLETE_COMMIT, c));
                                }
                            };
                    producer.initTransactions();
                    producer.beginTransaction();
                    return producer;
                }

                @Override
                public Admin createAdmin(Properties properties) {
                    Admin admin = mock(Admin.class);
                    when(admin.describeTransactions(any())).thenAnswer(call -> describe());
                    return admin;
                }

                @Override
                public ProducerSession sessionOf(Producer<byte[], byte[]> producer) {
                    return new ProducerSession(nextProducerId++, (short) 0, transactionV2);
                }
            };

    private DescribeTransactionsResult describe() {
        DescribeTransactionsResult result = mock(DescribeTransactionsResult.class);
        when(result.description(anyString()))
                .thenAnswer(
                        call -> {
                            TransactionDescription d = broker.get((String) call.getArgument(0));
                            if (d != null) {
                                return KafkaFuture.completedFuture(d);
                            }
                            KafkaFutureImpl<TransactionDescription> missing =
                                    new KafkaFutureImpl<>();
                            missing.completeExceptionally(
                                    new TransactionalIdNotFoundException("unknown"));
                            return missing;
                        });
        return result;
    }

    private static TransactionDescription state(TransactionState state, KafkaCommittable c) {
        return new TransactionDescription(
                0,
                state,
                c.session().producerId(),
                c.session().epoch(),
                60_000,
                OptionalLong.empty(),
                Set.of());
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
                        clients,
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
        return producers.get(index).getValue();
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

        transactionV2 = false;
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
        fenceResumedCommits = true;
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
        autoComplete = false;
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
