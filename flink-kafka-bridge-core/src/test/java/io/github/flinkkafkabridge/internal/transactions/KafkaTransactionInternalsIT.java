package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.testing.TransactionProtocol;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hard case on a real broker, without Flink, on both transaction protocols: a transaction
 * prepared by one producer instance that then disappears is committed by another through {@link
 * KafkaTransactionInternals}. Fails loudly when a kafka-clients or broker upgrade breaks resuming.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaTransactionInternalsIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = TransactionProtocol.V2.extension();

    @RegisterExtension
    static final KafkaClusterExtension KAFKA_V1 = TransactionProtocol.V1.extension();

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private static KafkaClusterExtension kafka(TransactionProtocol protocol) {
        return protocol == TransactionProtocol.V1 ? KAFKA_V1 : KAFKA;
    }

    private static KafkaProducer<byte[], byte[]> producer(
            KafkaClusterExtension kafka, String transactionalId) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("transactional.id", transactionalId);
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        props.setProperty("max.block.ms", "20000");
        return new KafkaProducer<>(props);
    }

    private static ProducerSession prepare(
            KafkaClusterExtension kafka, String id, String topic, int records) {
        KafkaProducer<byte[], byte[]> writer = producer(kafka, id);
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

    private static void commit(KafkaClusterExtension kafka, String id, ProducerSession session) {
        KafkaProducer<byte[], byte[]> committer = producer(kafka, id);
        try {
            KafkaTransactionInternals.resume(committer, session);
            committer.commitTransaction();
        } finally {
            committer.close(Duration.ZERO);
        }
    }

    private static TransactionDescription describe(Admin admin, String id) throws Exception {
        return admin.describeTransactions(List.of(id)).description(id).get();
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void theBrokerAndItsClientsRunTheProtocol(TransactionProtocol protocol) {
        protocol.assertRunBy(kafka(protocol).cluster());
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void aProducersNextTransactionKeepsTheCommittedOnesEpochOnlyOnProtocolOne(
            TransactionProtocol protocol) {
        KafkaClusterExtension kafka = kafka(protocol);
        String topic = kafka.createTopic("epochs", 1);
        KafkaProducer<byte[], byte[]> producer = producer(kafka, "epochs-" + UUID.randomUUID());
        try {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("first")));
            producer.flush();
            ProducerSession committed = KafkaTransactionInternals.session(producer);
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, bytes("second")));
            producer.flush();
            ProducerSession next = KafkaTransactionInternals.session(producer);

            assertThat(committed.transactionV2()).isEqualTo(protocol == TransactionProtocol.V2);
            assertThat(next.producerId()).isEqualTo(committed.producerId());
            // On protocol 1 a restore that commits the recorded (producer id, epoch) would commit
            // the next transaction: the sink never begins one with the committed producer there.
            assertThat(next.epoch())
                    .isEqualTo(
                            (short)
                                    (protocol == TransactionProtocol.V1
                                            ? committed.epoch()
                                            : committed.epoch() + 1));
            producer.abortTransaction();
        } finally {
            producer.close(Duration.ZERO);
        }
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void aTransactionPreparedByOneProducerIsCommittedByAnotherOnce(TransactionProtocol protocol)
            throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        String topic = kafka.createTopic("resume", 2);
        String id = "resume-" + UUID.randomUUID();
        ProducerSession session = prepare(kafka, id, topic, 10);

        try (Admin admin = kafka.cluster().createAdmin()) {
            assertThat(describe(admin, id).state()).isEqualTo(TransactionState.ONGOING);
            // Open transactions are invisible to read_committed readers (and block them).
            assertThat(committed(kafka, topic)).isEmpty();

            commit(kafka, id, session);

            // The coordinator has written the markers: readers see the outcome.
            KafkaReads.awaitTransactionState(admin, id, TransactionState.COMPLETE_COMMIT);
            assertThat(committed(kafka, topic)).hasSize(10);

            // A restored committer commits the same transaction again: a no-op, not an error.
            commit(kafka, id, session);
            assertThat(committed(kafka, topic)).hasSize(10);

            // The writer reuses the id afterwards: the committed records stay.
            KafkaProducer<byte[], byte[]> reuse = producer(kafka, id);
            reuse.initTransactions();
            reuse.close(Duration.ZERO);
            assertThat(committed(kafka, topic)).hasSize(10);
        }
    }

    @ParameterizedTest
    @EnumSource(TransactionProtocol.class)
    void initTransactionsAbortsALeftoverSoReadersAreNotBlocked(TransactionProtocol protocol)
            throws Exception {
        KafkaClusterExtension kafka = kafka(protocol);
        String topic = kafka.createTopic("leftover", 1);
        String id = "leftover-" + UUID.randomUUID();
        prepare(kafka, id, topic, 5);

        KafkaProducer<byte[], byte[]> restarted = producer(kafka, id);
        restarted.initTransactions();
        restarted.close(Duration.ZERO);

        try (Admin admin = kafka.cluster().createAdmin()) {
            // Aborted; once the abort completed, the id's new epoch has no transaction.
            KafkaReads.awaitTransactionState(
                    admin, id, TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);
        }
        assertThat(committed(kafka, topic)).isEmpty();
        assertThat(KafkaReads.readAll(kafka.bootstrapServers(), topic, false, READ_TIMEOUT))
                .hasSize(5);
    }

    /** What a read_committed consumer reads from the topic. */
    private static List<String> committed(KafkaClusterExtension kafka, String topic) {
        return KafkaReads.readAll(kafka.bootstrapServers(), topic, true, READ_TIMEOUT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
