package io.github.flinkkafkabridge.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hard case on a real broker, without Flink: a transaction prepared by one producer instance
 * that then disappears is committed by another through {@link KafkaTransactionInternals}. Fails
 * loudly when a kafka-clients or broker upgrade breaks resuming.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaTransactionInternalsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        props.setProperty("transactional.id", transactionalId);
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        props.setProperty("max.block.ms", "20000");
        return new KafkaProducer<>(props);
    }

    private static ProducerSession prepare(String id, String topic, int records) {
        KafkaProducer<byte[], byte[]> writer = producer(id);
        writer.initTransactions();
        writer.beginTransaction();
        for (int i = 0; i < records; i++) {
            writer.send(new ProducerRecord<>(topic, ("r" + i).getBytes(StandardCharsets.UTF_8)));
        }
        writer.flush();
        ProducerSession session = KafkaTransactionInternals.session(writer);
        // Like a task that dies after the checkpoint: no commit, no abort.
        writer.close(Duration.ZERO);
        return session;
    }

    private static void commit(String id, ProducerSession session) {
        KafkaProducer<byte[], byte[]> committer = producer(id);
        try {
            KafkaTransactionInternals.resume(committer, session);
            committer.commitTransaction();
        } finally {
            committer.close(Duration.ZERO);
        }
    }

    /** Waits until the coordinator has written the markers, so readers see the outcome. */
    private static void awaitState(Admin admin, String id, TransactionState... expected)
            throws Exception {
        List<TransactionState> states = List.of(expected);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        TransactionState state = describe(admin, id).state();
        while (!states.contains(state) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            state = describe(admin, id).state();
        }
        assertThat(state).isIn(states);
    }

    private static TransactionDescription describe(Admin admin, String id) throws Exception {
        return admin.describeTransactions(List.of(id)).description(id).get();
    }

    @Test
    void aTransactionPreparedByOneProducerIsCommittedByAnotherOnce() throws Exception {
        String topic = KAFKA.createTopic("resume", 2);
        String id = "resume-" + UUID.randomUUID();
        ProducerSession session = prepare(id, topic, 10);

        try (Admin admin = KAFKA.cluster().createAdmin()) {
            assertThat(describe(admin, id).state()).isEqualTo(TransactionState.ONGOING);
            // Open transactions are invisible to read_committed readers (and block them).
            assertThat(
                            KafkaReads.readAll(
                                    KAFKA.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                    .isEmpty();

            commit(id, session);

            awaitState(admin, id, TransactionState.COMPLETE_COMMIT);
            assertThat(
                            KafkaReads.readAll(
                                    KAFKA.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                    .hasSize(10);

            // A restored committer commits the same transaction again: a no-op, not an error.
            commit(id, session);
            assertThat(
                            KafkaReads.readAll(
                                    KAFKA.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                    .hasSize(10);

            // The writer reuses the id afterwards: the committed records stay.
            KafkaProducer<byte[], byte[]> reuse = producer(id);
            reuse.initTransactions();
            reuse.close(Duration.ZERO);
            assertThat(
                            KafkaReads.readAll(
                                    KAFKA.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                    .hasSize(10);
        }
    }

    @Test
    void initTransactionsAbortsALeftoverSoReadersAreNotBlocked() throws Exception {
        String topic = KAFKA.createTopic("leftover", 1);
        String id = "leftover-" + UUID.randomUUID();
        prepare(id, topic, 5);

        KafkaProducer<byte[], byte[]> restarted = producer(id);
        restarted.initTransactions();
        restarted.close(Duration.ZERO);

        try (Admin admin = KAFKA.cluster().createAdmin()) {
            // Aborted; once the abort completed, the id's new epoch has no transaction.
            awaitState(admin, id, TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);
        }
        assertThat(
                        KafkaReads.readAll(
                                KAFKA.bootstrapServers(), topic, true, Duration.ofSeconds(20)))
                .isEmpty();
        assertThat(
                        KafkaReads.readAll(
                                KAFKA.bootstrapServers(), topic, false, Duration.ofSeconds(20)))
                .hasSize(5);
    }
}
