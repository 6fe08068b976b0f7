package io.github.flinkkafkabridge.internal.transactions;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import java.io.IOException;
import org.apache.kafka.common.KafkaException;

/**
 * How the failure of a transactional producer that starts or aborts a transaction is reported: the
 * cluster rejecting its credentials as a {@link
 * io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException} naming the producer and its
 * id, anything else as an {@link IOException} naming the id and the cluster. Stateless.
 */
final class TransactionalProducerFailures {

    private TransactionalProducerFailures() {}

    /**
     * Throws the authentication failure {@code error} carries, else returns the exception for the
     * caller to throw: {@code <failed> '<id>' at <bootstrapServers><detail>: <error>}.
     *
     * @param failed what could not be done, ending before the id, e.g. {@code "Could not abort the
     *     transaction left open on transactional id"}
     * @param producerClient the producer's role, named with the id when the credentials are
     *     rejected
     * @param detail appended after the cluster, e.g. the timeout that bounded the attempt; may be
     *     empty
     */
    static IOException failure(
            KafkaException error,
            String failed,
            String transactionalId,
            String producerClient,
            String bootstrapServers,
            String detail) {
        AuthenticationFailures.rethrowIfAuthentication(
                error, producerClient + " '" + transactionalId + "'", bootstrapServers);
        return new IOException(
                failed
                        + " '"
                        + transactionalId
                        + "' at "
                        + bootstrapServers
                        + detail
                        + ": "
                        + error,
                error);
    }
}
