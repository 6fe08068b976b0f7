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
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The restore that transaction protocol 1 makes hard, with the sink's writer and committer on a
 * real broker and without Flink: a writer's transaction is committed, the writer begins the next
 * one on the same transactional id, then the task fails and the job restores the checkpoint that
 * recorded the committed transaction, whose commit Flink repeats. The next transaction must be
 * aborted, not committed with it: its records are written again after the restore.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExactlyOnceWriterRestoreIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void restoringTheCheckpointOfACommittedTransactionAbortsTheNextOneOnItsId(
            TransactionProtocol protocol) throws Exception {
        KafkaClusterExtension kafka = protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
        String topic = kafka.createTopic("reuse", 1);
        String prefix = topic + "-tx";
        // One id, so the next transaction has to reuse it.
        SinkSettings<String> settings =
                TestWriterContexts.exactlyOnce(kafka.bootstrapServers(), topic, prefix, 1);

        ExactlyOnceWriter<String> failed = writer(settings, false, List.of());
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

        ExactlyOnceWriter<String> restored = writer(settings, true, checkpoint);
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

    private static ExactlyOnceWriter<String> writer(
            SinkSettings<String> settings, boolean restore, List<KafkaWriterState> state)
            throws Exception {
        WriterInitContext context = TestWriterContexts.context(0, 1, new MetricListener());
        if (restore) {
            when(context.getRestoredCheckpointId()).thenReturn(OptionalLong.of(1));
        }
        return new ExactlyOnceWriter<>(settings, context, KafkaClientFactory.DEFAULT, 1_000, state);
    }

    /** Commits as Flink's committer operator does; returns the outcome. */
    private static String commit(SinkSettings<String> settings, List<KafkaCommittable> committables)
            throws Exception {
        assertThat(committables).hasSize(1);
        return RecordingCommitRequest.commit(settings, committables.get(0));
    }
}
