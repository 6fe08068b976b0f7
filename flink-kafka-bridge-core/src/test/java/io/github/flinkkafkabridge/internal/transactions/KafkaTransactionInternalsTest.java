package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Fails loudly when a kafka-clients upgrade breaks the internals the EXACTLY_ONCE sink relies on.
 * If this fails after an upgrade: re-read {@code TransactionManager} of the new version, adapt
 * {@link KafkaTransactionInternals}, run {@code KafkaTransactionInternalsIT} and {@code
 * KafkaBridgeSinkFailureIT}, then update {@link KafkaTransactionInternals#TESTED_VERSION}.
 */
class KafkaTransactionInternalsTest {

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        Properties props = new Properties();
        // Nothing listens here: constructing a producer does not connect.
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        props.setProperty("transactional.id", "internals-test");
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    @Test
    void theKafkaClientsOnTheClassPathIsTheTestedVersion() {
        assertThat(KafkaTransactionInternals.clientsVersion())
                .as(
                        "kafka-clients changed: re-verify KafkaTransactionInternals against its"
                                + " TransactionManager, then update TESTED_VERSION")
                .isEqualTo(KafkaTransactionInternals.TESTED_VERSION);
    }

    @Test
    void everyInternalMemberIsFound() {
        KafkaTransactionInternals.checkSupported();
        assertThat(KafkaTransactionInternals.isSupported()).isTrue();
    }

    @Test
    void resumeSetsProducerIdEpochProtocolAndInTransactionState() {
        for (boolean tv2 : new boolean[] {true, false}) {
            KafkaProducer<byte[], byte[]> producer = transactionalProducer();
            try {
                assertThat(KafkaTransactionInternals.stateName(producer))
                        .isEqualTo("UNINITIALIZED");
                ProducerSession session = new ProducerSession(4711L, (short) 42, tv2);

                KafkaTransactionInternals.resume(producer, session);

                assertThat(KafkaTransactionInternals.session(producer)).isEqualTo(session);
                assertThat(KafkaTransactionInternals.stateName(producer))
                        .isEqualTo("IN_TRANSACTION");
                assertThatThrownBy(() -> KafkaTransactionInternals.resume(producer, session))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("IN_TRANSACTION");
            } finally {
                producer.close(Duration.ZERO);
            }
        }
    }

    @Test
    void resumeRejectsANonTransactionalProducer() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(
                            () ->
                                    KafkaTransactionInternals.resume(
                                            producer, new ProducerSession(1, (short) 0, true)))
                    .hasMessageContaining("transactional.id");
        }
    }
}
