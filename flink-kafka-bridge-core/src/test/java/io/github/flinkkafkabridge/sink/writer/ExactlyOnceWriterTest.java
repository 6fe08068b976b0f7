package io.github.flinkkafkabridge.sink.writer;

import static io.github.flinkkafkabridge.testing.FakeTransactionalKafka.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.internals.TransactionHandoff;
import io.github.flinkkafkabridge.testing.FakeTransactionalKafka;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EXACTLY_ONCE writer's id pool and recovery decisions, with fake clients: which ids it uses,
 * when it reuses one, what it aborts at start, and that a transaction the broker aborted before its
 * commit is reported as loss. The real protocol runs in KafkaBridgeSinkFailureIT.
 */
class ExactlyOnceWriterTest {

    private final String prefix = "eow-" + UUID.randomUUID();

    private final FakeTransactionalKafka kafka = new FakeTransactionalKafka();

    /** Per transactional id, what the fake broker describes; absent: never seen. */
    private final Map<String, TransactionDescription> broker = kafka.broker;

    /** Producers created, in order, with their transactional id. */
    private final List<Map.Entry<String, MockProducer<byte[], byte[]>>> producers = kafka.producers;

    private final List<ExactlyOnceWriter<String>> writers = new ArrayList<>();

    @AfterEach
    void closeWriters() {
        writers.forEach(ExactlyOnceWriter::close);
    }

    private ExactlyOnceWriter<String> writer(
            int subtask, int parallelism, boolean restored, Collection<KafkaWriterState> state)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        SinkSettings<String> settings =
                new SinkSettings<>(
                        props,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        KafkaRecordSerializer.utf8String("out"),
                        null,
                        prefix,
                        3,
                        SendErrorPolicy.fail(),
                        "sink-" + prefix);
        WriterInitContext context =
                TestWriterContexts.context(subtask, parallelism, new MetricListener());
        if (restored) {
            when(context.getRestoredCheckpointId()).thenReturn(OptionalLong.of(7));
        }
        // Subtask 0 would check the broker's transaction.max.timeout.ms; the fake admin does not
        // answer, so the check only warns.
        ExactlyOnceWriter<String> writer =
                new ExactlyOnceWriter<>(settings, context, kafka, -1, state, Runnable::run);
        writers.add(writer);
        return writer;
    }

    private KafkaCommittable checkpoint(ExactlyOnceWriter<String> writer, String value)
            throws Exception {
        writer.write(value, TestWriterContexts.NO_TIMESTAMP);
        writer.flush(false);
        List<KafkaCommittable> committables = writer.prepareCommit();
        assertThat(committables).hasSize(1);
        KafkaCommittable c = committables.get(0);
        broker.put(c.transactionalId(), state(TransactionState.ONGOING, c, 0));
        return c;
    }

    /** What the committer does in the same JVM. */
    private void commitLikeTheCommitter(KafkaCommittable c) {
        Producer<byte[], byte[]> producer =
                TransactionHandoff.claimForCommit(c.transactionalId(), c.session());
        assertThat(producer).as("producer handed over for %s", c).isNotNull();
        producer.commitTransaction();
        TransactionHandoff.afterCommit(c.transactionalId(), c.session(), true);
        broker.put(c.transactionalId(), state(TransactionState.COMPLETE_COMMIT, c, 1));
    }

    @Test
    void rejectedCredentialsOfATransactionalProducerFailTheWriteNamingIdServersAndSettings()
            throws Exception {
        kafka.initTransactionsError =
                new SaslAuthenticationException("Invalid username or password");
        // The producers initialized as the writer starts fail in the background; the first
        // record creates its own and reports why.
        ExactlyOnceWriter<String> writer = writer(1, 2, false, List.of());

        assertThatThrownBy(() -> writer.write("a", TestWriterContexts.NO_TIMESTAMP))
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining(
                        "Authentication failed: Kafka at 127.0.0.1:1 rejected the credentials of"
                                + " the KafkaBridgeSink writer's transactional producer '"
                                + prefix
                                + "-2-1-0'")
                .hasMessageContaining("sasl.jaas.config")
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void usesTheLowestIdWhoseTransactionIsCommittedAndReusesItsProducer() throws Exception {
        ExactlyOnceWriter<String> writer = writer(1, 2, false, List.of());
        KafkaCommittable first = checkpoint(writer, "a");
        KafkaCommittable second = checkpoint(writer, "b");
        assertThat(first.transactionalId()).isEqualTo(prefix + "-2-1-0");
        assertThat(second.transactionalId()).isEqualTo(prefix + "-2-1-1");

        commitLikeTheCommitter(first);
        KafkaCommittable third = checkpoint(writer, "c");

        assertThat(third.transactionalId()).isEqualTo(prefix + "-2-1-0");
        assertThat(producers).as("the committed producer is reused").hasSize(2);
        assertThat(writer.snapshotState(3).get(0).pending()).containsExactly(second, third);
    }

    @Test
    void withTransactionProtocolOneACommittedIdGetsANewProducerAndEpoch() throws Exception {
        kafka.transactionV2 = false;
        ExactlyOnceWriter<String> writer = writer(1, 2, false, List.of());
        KafkaCommittable first = checkpoint(writer, "a");
        checkpoint(writer, "b");
        MockProducer<byte[], byte[]> committed = producers.get(0).getValue();

        commitLikeTheCommitter(first);
        KafkaCommittable third = checkpoint(writer, "c");

        // Same id, but not the committed producer: its next transaction would carry the
        // committed one's producer id and epoch, which a restore of that checkpoint commits.
        assertThat(third.transactionalId()).isEqualTo(first.transactionalId());
        assertThat(committed.closed()).isTrue();
        Map.Entry<String, MockProducer<byte[], byte[]>> next = producers.get(producers.size() - 1);
        assertThat(next.getKey()).isEqualTo(first.transactionalId());
        assertThat(next.getValue()).isNotSameAs(committed);
        assertThat(next.getValue().transactionInitialized()).isTrue();
        assertThat(next.getValue().uncommittedRecords()).hasSize(1);
        assertThat(third.session()).isNotEqualTo(first.session());
    }

    @Test
    void withTransactionProtocolOneFreeIdsGetProducersAheadAndAReadyOneIsTakenFirst()
            throws Exception {
        kafka.transactionV2 = false;
        ExactlyOnceWriter<String> writer = writer(0, 1, false, List.of());
        KafkaCommittable first = checkpoint(writer, "a");

        // Ids 0 and 1 got producers as the writer started; learning the protocol from the first
        // transaction, it initialized one for every other free id too, so that the next
        // transactions do not wait for Kafka.
        assertThat(producers)
                .extracting(Map.Entry::getKey)
                .containsExactly(prefix + "-1-0-0", prefix + "-1-0-1", prefix + "-1-0-2");
        assertThat(producers.subList(1, 3))
                .allSatisfy(p -> assertThat(p.getValue().transactionInitialized()).isTrue());
        KafkaCommittable second = checkpoint(writer, "b");
        assertThat(second.transactionalId()).isEqualTo(prefix + "-1-0-1");
        assertThat(producers).as("no producer created for the second transaction").hasSize(3);
        assertThat(producers.get(1).getValue().uncommittedRecords()).hasSize(1);

        commitLikeTheCommitter(first);
        KafkaCommittable third = checkpoint(writer, "c");
        assertThat(third.transactionalId())
                .as("the id committed last is not ready before the one initialized earlier")
                .isEqualTo(prefix + "-1-0-0");
        assertThat(producers.get(0).getValue().closed()).isTrue();
    }

    @Test
    void producersForTheFirstTwoTransactionsAreInitializedAsTheWriterStarts() throws Exception {
        ExactlyOnceWriter<String> writer = writer(0, 1, false, List.of());

        assertThat(producers)
                .extracting(Map.Entry::getKey)
                .containsExactly(prefix + "-1-0-0", prefix + "-1-0-1");
        assertThat(producers)
                .allSatisfy(p -> assertThat(p.getValue().transactionInitialized()).isTrue())
                .allSatisfy(p -> assertThat(p.getValue().transactionInFlight()).isFalse());

        KafkaCommittable first = checkpoint(writer, "a");
        KafkaCommittable second = checkpoint(writer, "b");

        assertThat(first.transactionalId()).isEqualTo(prefix + "-1-0-0");
        assertThat(second.transactionalId()).isEqualTo(prefix + "-1-0-1");
        assertThat(producers.get(1).getValue().uncommittedRecords()).hasSize(1);
        // Transaction protocol 2: the committed producers begin the next transactions, so no
        // further id needs one.
        assertThat(producers).hasSize(2);
    }

    @Test
    void aRestoredIdWhoseTransactionIsNoLongerOpenIsFreeAtStart() throws Exception {
        KafkaCommittable committed =
                new KafkaCommittable(prefix + "-1-0-0", new ProducerSession(7, (short) 3, false));
        KafkaCommittable movedOn =
                new KafkaCommittable(prefix + "-1-0-1", new ProducerSession(8, (short) 1, false));
        broker.put(
                committed.transactionalId(), state(TransactionState.COMPLETE_COMMIT, committed, 0));
        // A producer initialized for the id's next transaction bumped the epoch and began none.
        broker.put(movedOn.transactionalId(), state(TransactionState.EMPTY, movedOn, 1));

        ExactlyOnceWriter<String> writer =
                writer(
                        0,
                        1,
                        true,
                        List.of(
                                new KafkaWriterState(
                                        prefix, 1, 0, 3, List.of(committed, movedOn))));

        assertThat(writer.pendingSlots()).isEmpty();
        assertThat(producers)
                .as("nothing aborted; the first two ids got producers for their transactions")
                .allSatisfy(p -> assertThat(p.getValue().closed()).isFalse())
                .extracting(Map.Entry::getKey)
                .containsExactly(prefix + "-1-0-0", prefix + "-1-0-1");
    }

    @Test
    void aRestoredTransactionTheCommitterCommittedFreesItsIdAtTheNextTransaction()
            throws Exception {
        KafkaCommittable recorded =
                new KafkaCommittable(prefix + "-1-0-0", new ProducerSession(7, (short) 3, true));
        broker.put(recorded.transactionalId(), state(TransactionState.ONGOING, recorded, 0));
        ExactlyOnceWriter<String> writer =
                writer(
                        0,
                        1,
                        true,
                        List.of(new KafkaWriterState(prefix, 1, 0, 3, List.of(recorded))));
        assertThat(writer.pendingSlots()).extracting(s -> s.committable).containsExactly(recorded);

        // The restored committer commits it with a producer of its own: none comes back.
        broker.put(
                recorded.transactionalId(), state(TransactionState.COMPLETE_COMMIT, recorded, 1));
        KafkaCommittable next = checkpoint(writer, "a");

        assertThat(next.transactionalId())
                .as("an id whose producer was initialized as the writer started")
                .isEqualTo(prefix + "-1-0-1");
        assertThat(writer.pendingSlots()).extracting(s -> s.committable).containsExactly(next);
    }

    @Test
    void reusesOnlyAnIdSeenCommittedOnTheBrokerAndDropsItsHandOff() throws Exception {
        ExactlyOnceWriter<String> writer = writer(0, 1, false, List.of());
        checkpoint(writer, "a");
        checkpoint(writer, "b");
        KafkaCommittable third = checkpoint(writer, "c");
        // The broker sees a commit that did not come through the hand-off (another JVM).
        broker.put(third.transactionalId(), state(TransactionState.COMPLETE_COMMIT, third, 0));

        KafkaCommittable fourth = checkpoint(writer, "d");
        assertThat(fourth.transactionalId()).isEqualTo(third.transactionalId());
        assertThat(TransactionHandoff.claimForCommit(third.transactionalId(), third.session()))
                .as("the stale hand-off was discarded")
                .isNull();
    }

    @Test
    void aTransactionAbortedBeforeItsCommitIsReportedAsLoss() throws Exception {
        ExactlyOnceWriter<String> writer = writer(0, 1, false, List.of());
        KafkaCommittable first = checkpoint(writer, "a");
        checkpoint(writer, "b");
        checkpoint(writer, "c");
        broker.put(first.transactionalId(), state(TransactionState.COMPLETE_ABORT, first, 1));

        assertThatThrownBy(() -> writer.write("d", TestWriterContexts.NO_TIMESTAMP))
                .hasMessageContaining(first.transactionalId())
                .hasMessageContaining("records are lost")
                .hasMessageContaining("transaction.timeout.ms");
    }

    @Test
    void restoreKeepsTheCheckpointsTransactionsAndAbortsEveryOtherOpenOne() throws Exception {
        KafkaCommittable recorded =
                new KafkaCommittable(prefix + "-2-0-1", new ProducerSession(7, (short) 3, true));
        KafkaCommittable reusedSince =
                new KafkaCommittable(prefix + "-2-0-2", new ProducerSession(8, (short) 1, true));
        broker.put(recorded.transactionalId(), state(TransactionState.ONGOING, recorded, 0));
        // Opened by the failed attempt after the checkpoint: must be aborted.
        broker.put(prefix + "-2-0-0", state(TransactionState.ONGOING, 9, (short) 0));
        // Recorded, but the id moved on to a newer transaction: that one must be aborted.
        broker.put(reusedSince.transactionalId(), state(TransactionState.ONGOING, reusedSince, 2));
        // Ids of an earlier parallelism, recorded in a state this writer received.
        KafkaCommittable oldPending =
                new KafkaCommittable(prefix + "-4-3-0", new ProducerSession(11, (short) 0, true));
        broker.put(oldPending.transactionalId(), state(TransactionState.ONGOING, oldPending, 0));
        broker.put(prefix + "-4-3-1", state(TransactionState.ONGOING, 12, (short) 0));

        ExactlyOnceWriter<String> writer =
                writer(
                        0,
                        2,
                        true,
                        List.of(
                                new KafkaWriterState(
                                        prefix, 2, 0, 3, List.of(recorded, reusedSince)),
                                new KafkaWriterState(prefix, 4, 3, 2, List.of(oldPending))));

        // Aborting is initTransactions() and close; the free ids get producers for their next
        // transactions only after that, or the aborts would fence them.
        assertThat(producers)
                .allSatisfy(p -> assertThat(p.getValue().transactionInitialized()).isTrue());
        List<Map.Entry<String, MockProducer<byte[], byte[]>>> aborted =
                producers.subList(0, producers.size() - 2);
        assertThat(aborted)
                .allSatisfy(p -> assertThat(p.getValue().closed()).isTrue())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(prefix + "-2-0-0", prefix + "-2-0-2", prefix + "-4-3-1");
        assertThat(producers.subList(producers.size() - 2, producers.size()))
                .allSatisfy(p -> assertThat(p.getValue().closed()).isFalse())
                .extracting(Map.Entry::getKey)
                .containsExactly(prefix + "-2-0-0", prefix + "-2-0-2");
        assertThat(writer.pendingSlots()).extracting(s -> s.committable).containsExactly(recorded);
        assertThat(writer.snapshotState(8).get(0).pending()).containsExactly(recorded);
    }
}
