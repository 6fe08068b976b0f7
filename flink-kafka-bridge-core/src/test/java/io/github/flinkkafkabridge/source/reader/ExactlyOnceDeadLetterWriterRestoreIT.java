package io.github.flinkkafkabridge.source.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.testing.TransactionProtocol;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The restore that transaction protocol 1 makes hard, with the EXACTLY_ONCE dead-letter writer on a
 * real broker and without Flink: a dead-letter transaction is committed when its checkpoint
 * completes, the writer begins the next one on the same transactional id, then the task dies and
 * the reader restores the checkpoint that recorded the committed transaction, whose commit it
 * repeats. The next transaction must be aborted, not committed with it: its bad records are read
 * again after the restore.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExactlyOnceDeadLetterWriterRestoreIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    private static final IOException CAUSE = new IOException("not a record");

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void restoringTheCheckpointOfACommittedTransactionAbortsTheNextOneOnItsId(
            TransactionProtocol protocol) throws Exception {
        KafkaClusterExtension kafka = protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
        String deadLetters = kafka.createTopic("reuse-dlq", 1);
        String prefix = deadLetters + "-tx";
        DeadLetterSettings settings = settings(kafka, deadLetters, prefix);

        ExactlyOnceDeadLetterWriter dead = writer(settings);
        ExactlyOnceDeadLetterWriter restored = null;
        try {
            dead.recover();
            dead.write(bad(1), CAUSE);
            KafkaWriterState checkpoint = dead.snapshotState(1);
            String id = checkpoint.pending().get(0).transactionalId();
            assertThat(checkpoint.pending().get(0).session().transactionV2())
                    .isEqualTo(protocol == TransactionProtocol.V2);
            dead.notifyCheckpointComplete(1);
            // The next dead letter opens a transaction on the same, lowest, id.
            dead.write(bad(2), CAUSE);
            awaitOpenTransaction(kafka, id);

            // The task dies without closing its writer; the reader restores checkpoint 1.
            restored = writer(settings);
            restored.restoreState(checkpoint);
            restored.recover();
        } finally {
            if (restored != null) {
                restored.close();
            }
            dead.close();
        }

        List<ConsumerRecord<byte[], byte[]>> letters =
                KafkaReads.readAllRecords(
                        kafka.bootstrapServers(), deadLetters, true, Duration.ofSeconds(20));
        assertThat(letters).extracting(r -> new String(r.value(), UTF_8)).containsExactly("bad-1");
        try (Admin admin = kafka.cluster().createAdmin()) {
            List<TransactionListing> transactions = KafkaReads.transactionsOf(admin, prefix);
            assertThat(transactions).noneMatch(t -> t.state() == TransactionState.ONGOING);
        }
    }

    private static DeadLetterSettings settings(
            KafkaClusterExtension kafka, String topic, String prefix) {
        Properties consumer = new Properties();
        consumer.setProperty("bootstrap.servers", kafka.bootstrapServers());
        return new DeadLetterSettings(
                topic,
                DeliveryGuarantee.EXACTLY_ONCE,
                prefix,
                Duration.ofMinutes(1),
                consumer,
                "reader",
                Duration.ofSeconds(20),
                "source-" + prefix);
    }

    private static ExactlyOnceDeadLetterWriter writer(DeadLetterSettings settings) {
        return new ExactlyOnceDeadLetterWriter(
                settings, KafkaClientFactory.DEFAULT, 0, 1, "job-" + settings.topic(), 1_000);
    }

    private static ConsumerRecord<byte[], byte[]> bad(long offset) {
        return new ConsumerRecord<>(
                "orders", 0, offset, "k".getBytes(UTF_8), ("bad-" + offset).getBytes(UTF_8));
    }

    /** Waits until the id's transaction is open on the broker with the dead letter in it. */
    private static void awaitOpenTransaction(KafkaClusterExtension kafka, String id)
            throws Exception {
        try (Admin admin = kafka.cluster().createAdmin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            TransactionDescription d = describe(admin, id);
            while ((d.state() != TransactionState.ONGOING || d.topicPartitions().isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                d = describe(admin, id);
            }
            assertThat(d.state()).isEqualTo(TransactionState.ONGOING);
            assertThat(d.topicPartitions()).isNotEmpty();
        }
    }

    private static TransactionDescription describe(Admin admin, String id) throws Exception {
        return admin.describeTransactions(List.of(id)).description(id).get(20, TimeUnit.SECONDS);
    }
}
