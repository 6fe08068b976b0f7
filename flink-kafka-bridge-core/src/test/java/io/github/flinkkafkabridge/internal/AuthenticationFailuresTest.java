package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;

class AuthenticationFailuresTest {

    private static final String SERVERS = "broker-1:9093,broker-2:9093";
    private static final String CLIENT = "the KafkaBridgeSink writer's producer";

    private static final SaslAuthenticationException SASL =
            new SaslAuthenticationException("Authentication failed: Invalid username or password");

    @Test
    void findsTheAuthenticationFailureAnywhereInTheChain() {
        Throwable wrapped = new ExecutionException(new KafkaException("wrapper", SASL));

        assertThat(AuthenticationFailures.find(wrapped)).isSameAs(SASL);
        assertThat(AuthenticationFailures.find(SASL)).isSameAs(SASL);
        assertThat(AuthenticationFailures.find(new TimeoutException("slow"))).isNull();
        assertThat(AuthenticationFailures.find(null)).isNull();
    }

    @Test
    void aCycleInTheChainEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);

        assertThat(AuthenticationFailures.find(a)).isNull();
        assertThat(AuthenticationFailures.explain(a, CLIENT, SERVERS)).isNull();
    }

    @Test
    void aSaslFailureSaysSoAndNamesServersClientAndSaslSettings() {
        KafkaBridgeAuthenticationException e =
                AuthenticationFailures.explain(new ExecutionException(SASL), CLIENT, SERVERS);

        assertThat(e).isNotNull().hasCause(SASL);
        assertThat(e.bootstrapServers()).isEqualTo(SERVERS);
        assertThat(e.getMessage())
                .isEqualTo(
                        "Authentication failed: Kafka at broker-1:9093,broker-2:9093 rejected the"
                                + " credentials of the KafkaBridgeSink writer's producer"
                                + " (SaslAuthenticationException: Authentication failed: Invalid"
                                + " username or password). Check the security settings passed"
                                + " with setProperty: security.protocol, sasl.mechanism and"
                                + " sasl.jaas.config (the user name and password, and whether the"
                                + " brokers know the user and enable the mechanism).");
    }

    @Test
    void anSslFailureNamesTheSslSettings() {
        String message =
                AuthenticationFailures.describe(
                        new SslAuthenticationException("PKIX path building failed"),
                        CLIENT,
                        SERVERS,
                        "setProperty");

        assertThat(message)
                .startsWith("Authentication failed: Kafka at " + SERVERS)
                .contains("SslAuthenticationException: PKIX path building failed")
                .contains("security.protocol and the ssl.* settings")
                .contains("truststore")
                .doesNotContain("sasl.jaas.config");
    }

    @Test
    void anotherAuthenticationFailureNamesBothKindsOfSettings() {
        String message =
                AuthenticationFailures.describe(
                        new UnsupportedSaslMechanismException(
                                "Client SASL mechanism 'SCRAM-SHA-512' not enabled in the server"),
                        CLIENT,
                        SERVERS,
                        "--property key=value");

        assertThat(message)
                .contains("SCRAM-SHA-512")
                .contains("passed with --property key=value")
                .contains("sasl.mechanism")
                .contains("ssl.* settings");
    }

    @Test
    void anExplainedFailureIsKeptNotWrappedAgain() {
        KafkaBridgeAuthenticationException first =
                AuthenticationFailures.explain(SASL, CLIENT, SERVERS);
        IOException later = new IOException("flush failed", first);

        assertThat(AuthenticationFailures.explain(later, "another client", "elsewhere:1"))
                .isSameAs(first);
        assertThatThrownBy(
                        () ->
                                AuthenticationFailures.rethrowIfAuthentication(
                                        later, "another client", "elsewhere:1"))
                .isSameAs(first);
    }

    @Test
    void otherErrorsAreLeftToTheCaller() {
        AuthenticationFailures.rethrowIfAuthentication(
                new TimeoutException("slow"), CLIENT, SERVERS);
        AuthenticationFailures.rethrowIfAuthentication(null, CLIENT, SERVERS);

        assertThatThrownBy(
                        () ->
                                AuthenticationFailures.rethrowIfAuthentication(
                                        new KafkaException(new AuthenticationException("no")),
                                        CLIENT,
                                        SERVERS))
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining(CLIENT);
    }
}
