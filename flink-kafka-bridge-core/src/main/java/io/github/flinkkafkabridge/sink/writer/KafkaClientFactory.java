package io.github.flinkkafkabridge.sink.writer;

import io.github.flinkkafkabridge.sink.internals.KafkaTransactionInternals;
import io.github.flinkkafkabridge.sink.internals.ProducerSession;
import java.io.Serializable;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Creates the Kafka clients a writer uses; the narrow seam tests replace with {@code
 * MockProducer}s. The default creates real clients.
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

    /** The producer id, epoch and protocol version of an initialized transactional producer. */
    default ProducerSession sessionOf(Producer<byte[], byte[]> producer) {
        return KafkaTransactionInternals.session((KafkaProducer<?, ?>) producer);
    }
}
