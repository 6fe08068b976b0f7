package io.github.flinkkafkabridge.config;

/**
 * Kafka rejected the credentials of one of the library's clients: a SASL login or an SSL handshake
 * failed, because of a wrong password, an unknown user, a mechanism the brokers do not enable, an
 * untrusted certificate and the like. The message says so, names the bootstrap servers, the client
 * (such as "the KafkaBridgeSink writer's producer") and the client settings to check, and never
 * shows a secret; the cause is the Kafka client's {@link
 * org.apache.kafka.common.errors.AuthenticationException}.
 *
 * <p>Example message: {@code Authentication failed: Kafka at broker-1:9093 rejected the credentials
 * of the KafkaBridgeSource reader's consumer (SaslAuthenticationException: Authentication failed:
 * Invalid username or password). Check the security settings passed with setProperty:
 * security.protocol, sasl.mechanism and sasl.jaas.config ...}.
 *
 * <p>The library does not retry an authentication failure: the same settings fail the same way. The
 * job fails at once; whether Flink restarts it follows the job's restart strategy, and each attempt
 * fails again within seconds until the settings or the brokers' users are fixed.
 */
public class KafkaBridgeAuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;

    /**
     * Creates the exception.
     *
     * @param message the full message, naming the servers, the client and the settings to check;
     *     without secrets
     * @param bootstrapServers the cluster that rejected the credentials
     * @param cause the Kafka client's authentication exception
     */
    public KafkaBridgeAuthenticationException(
            String message, String bootstrapServers, Throwable cause) {
        super(message, cause);
        this.bootstrapServers = bootstrapServers;
    }

    /** The bootstrap servers of the cluster that rejected the credentials. */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
