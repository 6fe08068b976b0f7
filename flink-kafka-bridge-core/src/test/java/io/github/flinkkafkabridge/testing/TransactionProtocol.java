package io.github.flinkkafkabridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka transaction protocols the EXACTLY_ONCE integration tests run against, each on a broker
 * whose finalized {@code transaction.version} selects it. A test class registers one {@link
 * #extension()} per protocol it covers and takes the protocol as a test parameter.
 */
public enum TransactionProtocol {

    /**
     * Protocol 1: a producer keeps its epoch across the transactions of a session. Brokers before
     * Kafka 4.0, and clusters upgraded to 4.x without finalizing {@code transaction.version}, run
     * it: {@code transaction.version} 0.
     */
    V1(0),

    /** Protocol 2 (KIP-890): the coordinator bumps the epoch at every commit and abort. */
    V2(2);

    private final int transactionVersion;

    TransactionProtocol(int transactionVersion) {
        this.transactionVersion = transactionVersion;
    }

    /** The finalized {@code transaction.version} that selects the protocol. */
    public int transactionVersion() {
        return transactionVersion;
    }

    /**
     * A cluster extension whose broker runs this protocol; with a cluster of the other protocol (an
     * external one), the tests that use it are aborted.
     */
    public KafkaClusterExtension extension() {
        return new KafkaClusterExtension()
                .withFeature(KafkaCluster.TRANSACTION_VERSION, transactionVersion);
    }

    /**
     * Checks on the broker ({@code describeFeatures}) and with a transactional producer ({@link
     * KafkaTransactionInternals#session}) that the cluster runs this protocol.
     */
    public void assertRunBy(KafkaCluster cluster) {
        assertThat(cluster.finalizedFeatureLevel(KafkaCluster.TRANSACTION_VERSION))
                .as("finalized transaction.version of %s", cluster.bootstrapServers())
                .isEqualTo(transactionVersion);
        Properties props = cluster.clientProperties();
        props.setProperty("transactional.id", "protocol-check-" + UUID.randomUUID());
        props.setProperty("key.serializer", ByteArraySerializer.class.getName());
        props.setProperty("value.serializer", ByteArraySerializer.class.getName());
        props.setProperty("max.block.ms", "20000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            ProducerSession session = KafkaTransactionInternals.session(producer);
            assertThat(session.transactionV2())
                    .as("whether a producer's transactions run protocol 2")
                    .isEqualTo(this == V2);
        }
    }
}
