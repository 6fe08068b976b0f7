package io.github.flinkkafkabridge.sink.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TransactionHandoffTest {

    private static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(
                false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private final ProducerSession session = new ProducerSession(3L, (short) 1, true);

    @Test
    void aCommittedProducerGoesBackToTheWriterOnce() {
        MockProducer<byte[], byte[]> producer = producer();
        TransactionHandoff.handOff("h-1", session, producer);

        assertThat(TransactionHandoff.takeReturned("h-1", session)).isNull();
        assertThat(TransactionHandoff.claimForCommit("h-1", session)).isSameAs(producer);
        assertThat(TransactionHandoff.claimForCommit("h-1", session)).isNull();
        TransactionHandoff.afterCommit("h-1", session, true);

        assertThat(TransactionHandoff.takeReturned("h-1", session)).isSameAs(producer);
        assertThat(TransactionHandoff.takeReturned("h-1", session)).isNull();
        assertThat(producer.closed()).isFalse();
    }

    @Test
    void anotherEpochOrIdIsAnotherTransaction() {
        TransactionHandoff.handOff("h-2", session, producer());
        assertThat(
                        TransactionHandoff.claimForCommit(
                                "h-2", new ProducerSession(3L, (short) 2, true)))
                .isNull();
        assertThat(TransactionHandoff.claimForCommit("h-3", session)).isNull();
        TransactionHandoff.discard("h-2", session);
    }

    @Test
    void aFailedCommitClosesTheProducer() {
        MockProducer<byte[], byte[]> producer = producer();
        TransactionHandoff.handOff("h-4", session, producer);
        TransactionHandoff.claimForCommit("h-4", session);
        TransactionHandoff.afterCommit("h-4", session, false);

        assertThat(producer.closed()).isTrue();
        assertThat(TransactionHandoff.takeReturned("h-4", session)).isNull();
    }

    @Test
    void discardClosesWithoutAbortingOrDefersToACommitInProgress() {
        MockProducer<byte[], byte[]> idle = producer();
        TransactionHandoff.handOff("h-5", session, idle);
        TransactionHandoff.discard("h-5", session);
        assertThat(idle.closed()).isTrue();
        assertThat(idle.transactionAborted()).isFalse();
        assertThat(TransactionHandoff.claimForCommit("h-5", session)).isNull();

        MockProducer<byte[], byte[]> committing = producer();
        TransactionHandoff.handOff("h-6", session, committing);
        TransactionHandoff.claimForCommit("h-6", session);
        TransactionHandoff.discard("h-6", session);
        assertThat(committing.closed()).isFalse();
        TransactionHandoff.afterCommit("h-6", session, true);
        assertThat(committing.closed()).isTrue();
        assertThat(TransactionHandoff.takeReturned("h-6", session)).isNull();
    }
}
