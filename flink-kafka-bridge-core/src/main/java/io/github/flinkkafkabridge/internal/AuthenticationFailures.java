package io.github.flinkkafkabridge.internal;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns a Kafka client's {@link AuthenticationException}, wherever it sits in a cause chain, into a
 * {@link KafkaBridgeAuthenticationException} that says the credentials were rejected, names the
 * cluster, the client and the settings to check. Used at every place where the source, the sink,
 * the dead-letter writers and the lag probe call Kafka. Stateless.
 *
 * <p>The Kafka clients never retry an authentication failure (it is not a {@code
 * RetriableException}), so neither do the callers: they throw at once instead of waiting for a
 * timeout or dead-lettering a record that was never at fault.
 */
public final class AuthenticationFailures {

    /** How the source's and the sink's builders take Kafka client settings. */
    public static final String SET_PROPERTY = "setProperty";

    private AuthenticationFailures() {}

    /**
     * The first {@link AuthenticationException} in the cause chain of {@code error}, or null. Stops
     * at a cycle.
     */
    @Nullable
    public static AuthenticationException find(@Nullable Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error;
                t != null && seen.put(t, Boolean.TRUE) == null;
                t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return (AuthenticationException) t;
            }
        }
        return null;
    }

    /**
     * Throws a {@link KafkaBridgeAuthenticationException} when {@code error} is, or was caused by,
     * an authentication failure: the one already in the chain, or a new one for the Kafka client's
     * exception. Returns normally otherwise, so the caller handles other errors as before.
     *
     * @param client the client that failed, for the message, e.g. {@code "the KafkaBridgeSink
     *     writer's producer"}
     * @param bootstrapServers the cluster the client talked to
     */
    public static void rethrowIfAuthentication(
            @Nullable Throwable error, String client, String bootstrapServers) {
        KafkaBridgeAuthenticationException explained = explain(error, client, bootstrapServers);
        if (explained != null) {
            throw explained;
        }
    }

    /**
     * The {@link KafkaBridgeAuthenticationException} for {@code error} when it is, or was caused
     * by, an authentication failure; null otherwise.
     *
     * @see #rethrowIfAuthentication
     */
    @Nullable
    public static KafkaBridgeAuthenticationException explain(
            @Nullable Throwable error, String client, String bootstrapServers) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error;
                t != null && seen.put(t, Boolean.TRUE) == null;
                t = t.getCause()) {
            if (t instanceof KafkaBridgeAuthenticationException) {
                return (KafkaBridgeAuthenticationException) t;
            }
        }
        AuthenticationException failure = find(error);
        if (failure == null) {
            return null;
        }
        return new KafkaBridgeAuthenticationException(
                describe(failure, client, bootstrapServers, SET_PROPERTY),
                bootstrapServers,
                failure);
    }

    /**
     * The message for an authentication failure: that it is one, the cluster, the client, the
     * broker's reason, and the client settings to check for the kind of failure (SASL or SSL).
     *
     * @param howToSet how the user passes client settings, e.g. {@code setProperty}
     */
    public static String describe(
            AuthenticationException failure,
            String client,
            String bootstrapServers,
            String howToSet) {
        return "Authentication failed: Kafka at "
                + bootstrapServers
                + " rejected the credentials of "
                + client
                + " ("
                + failure.getClass().getSimpleName()
                + ": "
                + failure.getMessage()
                + "). "
                + settingsToCheck(failure, howToSet);
    }

    private static String settingsToCheck(AuthenticationException failure, String howToSet) {
        if (failure instanceof SslAuthenticationException) {
            return "Check the security settings passed with "
                    + howToSet
                    + ": security.protocol and the ssl.* settings (the truststore must trust the"
                    + " brokers' certificates and, when the brokers authenticate clients, the"
                    + " keystore must hold a certificate they accept).";
        }
        String sasl =
                "security.protocol, sasl.mechanism and sasl.jaas.config (the user name and"
                        + " password, and whether the brokers know the user and enable the"
                        + " mechanism)";
        if (failure instanceof SaslAuthenticationException) {
            return "Check the security settings passed with " + howToSet + ": " + sasl + ".";
        }
        return "Check the security settings passed with "
                + howToSet
                + ": "
                + sasl
                + ", or security.protocol and the ssl.* settings for SSL.";
    }
}
