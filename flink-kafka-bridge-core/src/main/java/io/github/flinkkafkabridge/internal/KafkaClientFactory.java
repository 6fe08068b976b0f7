package io.github.flinkkafkabridge.internal;

import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import java.io.Serializable;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Creates the Kafka clients a writer uses (the sink's writers and the source's dead-letter writer);
 * the narrow seam tests replace with {@code MockProducer}s. The default creates real clients.
 */
public interface KafkaClientFactory extends Serializable {

    /** The factory creating real Kafka clients. */
    KafkaClientFactory DEFAULT = new KafkaClientFactory() {};

    /** Creates a producer from complete properties (serializers included). */
    default Producer<byte[], byte[]> createProducer(Properties properties) {
        return new KafkaProducer<>(properties);
    }

    /** Creates an admin client. */
    default Admin createAdmin(Properties properties) {
        return Admin.create(properties);
    }

    /**
     * Creates a producer from complete transactional properties and resumes it to the prepared
     * transaction {@code session} identifies, ready for {@code commitTransaction()}; see {@link
     * KafkaTransactionInternals#resume}.
     */
    default Producer<byte[], byte[]> resumeTransaction(
            Properties properties, ProducerSession session) {
        KafkaTransactionInternals.checkSupported();
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties);
        try {
            KafkaTransactionInternals.resume(producer, session);
        } catch (RuntimeException e) {
            producer.close(java.time.Duration.ZERO);
            throw e;
        }
        return producer;
    }

    /** The producer id, epoch and protocol version of an initialized transactional producer. */
    default ProducerSession sessionOf(Producer<byte[], byte[]> producer) {
        return KafkaTransactionInternals.session((KafkaProducer<?, ?>) producer);
    }
}
