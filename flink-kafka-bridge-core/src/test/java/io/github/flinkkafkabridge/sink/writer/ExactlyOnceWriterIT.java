package io.github.flinkkafkabridge.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.sink.testing.RecordingCommitRequest;
import io.github.flinkkafkabridge.testing.TransactionProtocol;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The EXACTLY_ONCE writer with the sink's committer on a real broker, without Flink, on both
 * transaction protocols.
 *
 * <ul>
 *   <li>As it starts, the producers of its first two transactions are initialized in the
 *       background, so that neither the first record nor the first record after the first
 *       checkpoint creates one on the task thread.
 *   <li>The restore that transaction protocol 1 makes hard: a writer's transaction is committed,
 *       the writer begins the next one on the same transactional id, then the task fails and the
 *       job restores the checkpoint that recorded the committed transaction, whose commit Flink
 *       repeats. The next transaction must be aborted, not committed with it: its records are
 *       written again after the restore.
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExactlyOnceWriterIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    private static KafkaClusterExtension kafka(TransactionProtocol protocol) {
        return protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void theFirstTwoTransactionsGetProducersInitializedAsTheWriterStarts(
            TransactionProtocol protocol) throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        String topic = kafka.createTopic("start", 1);
        String prefix = topic + "-tx";
        SinkSettings<String> settings =
                TestWriterContexts.exactlyOnce(kafka.bootstrapServers(), topic, prefix, 3);
        RecordingClients clients = new RecordingClients();

        List<KafkaCommittable> committables = new ArrayList<>();
        ExactlyOnceWriter<String> writer = writer(settings, clients, false, List.of());
        try {
            try (Admin admin = kafka.cluster().createAdmin()) {
                // initTransactions() registered both ids with the coordinator; none is open.
                for (String id : List.of(prefix + "-1-0-0", prefix + "-1-0-1")) {
                    KafkaReads.awaitTransactionState(admin, id, TransactionState.EMPTY);
                }
            }
            for (String value : List.of("first", "after the first checkpoint")) {
                writer.write(value, TestWriterContexts.NO_TIMESTAMP);
                writer.flush(false);
                committables.addAll(writer.prepareCommit());
            }
        } finally {
            writer.close();
        }
        for (KafkaCommittable c : committables) {
            assertThat(RecordingCommitRequest.commit(settings, c)).isEqualTo("committed");
        }

        // The first transaction takes whichever of the two was ready first, the second the other.
        assertThat(committables)
                .extracting(KafkaCommittable::transactionalId)
                .containsExactlyInAnyOrder(prefix + "-1-0-0", prefix + "-1-0-1");
        String task = Thread.currentThread().getName();
        // Both initialized at once, in either order.
        assertThat(clients.created.subList(0, 2))
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(prefix + "-1-0-0", prefix + "-1-0-1");
        assertThat(clients.created)
                .as("producers created off the task thread")
                .extracting(Map.Entry::getValue)
                .doesNotContain(task);
        assertThat(
                        KafkaReads.readAll(
                                kafka.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                .containsExactly("first", "after the first checkpoint");
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void restoringTheCheckpointOfACommittedTransactionAbortsTheNextOneOnItsId(
            TransactionProtocol protocol) throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        String topic = kafka.createTopic("reuse", 1);
        String prefix = topic + "-tx";
        // One id, so the next transaction has to reuse it.
        SinkSettings<String> settings =
                TestWriterContexts.exactlyOnce(kafka.bootstrapServers(), topic, prefix, 1);

        ExactlyOnceWriter<String> failed =
                writer(settings, KafkaClientFactory.DEFAULT, false, List.of());
        List<KafkaCommittable> checkpointed;
        List<KafkaWriterState> checkpoint;
        try {
            failed.write("committed", TestWriterContexts.NO_TIMESTAMP);
            failed.flush(false);
            checkpointed = failed.prepareCommit();
            checkpoint = failed.snapshotState(1);
            // The checkpoint completes: the committer commits with the writer's producer.
            assertThat(commit(settings, checkpointed)).isEqualTo("committed");
            failed.write("written again after the restore", TestWriterContexts.NO_TIMESTAMP);
            failed.flush(false);
            assertThat(checkpointed.get(0).session().transactionV2())
                    .isEqualTo(protocol == TransactionProtocol.V2);
        } finally {
            // The task fails: close() leaves the open transaction to the next attempt.
            failed.close();
        }

        ExactlyOnceWriter<String> restored =
                writer(settings, KafkaClientFactory.DEFAULT, true, checkpoint);
        String repeated;
        try {
            // Flink repeats the commits of the restored checkpoint.
            repeated = commit(settings, checkpointed);
        } finally {
            restored.close();
        }

        assertThat(
                        KafkaReads.readAll(
                                kafka.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                .containsExactly("committed");
        assertThat(repeated).isEqualTo("alreadyCommitted");
        try (Admin admin = kafka.cluster().createAdmin()) {
            assertThat(KafkaReads.transactionsOf(admin, prefix))
                    .as("transactions of the sink still open")
                    .noneMatch(t -> t.state() == TransactionState.ONGOING);
        }
    }

    /** Subtask 0 of 1 with checkpoints every second; {@code restore}: from checkpoint 1. */
    private static ExactlyOnceWriter<String> writer(
            SinkSettings<String> settings,
            KafkaClientFactory clients,
            boolean restore,
            List<KafkaWriterState> state)
            throws Exception {
        WriterInitContext context = TestWriterContexts.context(0, 1, new MetricListener());
        if (restore) {
            when(context.getRestoredCheckpointId()).thenReturn(OptionalLong.of(1));
        }
        return new ExactlyOnceWriter<>(settings, context, clients, 1_000, state);
    }

    /** Commits as Flink's committer operator does; returns the outcome. */
    private static String commit(SinkSettings<String> settings, List<KafkaCommittable> committables)
            throws Exception {
        assertThat(committables).hasSize(1);
        return RecordingCommitRequest.commit(settings, committables.get(0));
    }

    /** Real clients, recording the transactional id and creating thread of every producer. */
    private static final class RecordingClients implements KafkaClientFactory {
        final List<Map.Entry<String, String>> created = new CopyOnWriteArrayList<>();

        @Override
        public Producer<byte[], byte[]> createProducer(Properties properties) {
            created.add(
                    Map.entry(
                            properties.getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ""),
                            Thread.currentThread().getName()));
            return KafkaClientFactory.super.createProducer(properties);
        }
    }
}
