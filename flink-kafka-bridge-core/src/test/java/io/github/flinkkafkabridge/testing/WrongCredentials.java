package io.github.flinkkafkabridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.util.Map;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.util.ExceptionUtils;

/**
 * Credentials a SASL/PLAIN broker started by {@link #startCluster()} rejects, and the checks every
 * authentication IT makes on the failure: it says authentication failed, names the servers, the
 * client and the settings to check, and shows no password anywhere in its chain.
 */
public enum WrongCredentials {
    /** A known user with a wrong password. */
    BAD_PASSWORD(WrongCredentials.USER, "not-" + WrongCredentials.PASSWORD),
    /** A user the broker does not know, with the known user's password. */
    UNKNOWN_USER("mallory", WrongCredentials.PASSWORD);

    /** The user the broker knows. */
    public static final String USER = "alice";

    /** Her password; no failure message may show it, nor the wrong ones built from it. */
    public static final String PASSWORD = "alice-pw-5f3c9a";

    private final String user;
    private final String password;

    WrongCredentials(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** A broker whose client listener speaks SASL_PLAINTEXT/PLAIN and knows {@link #USER}. */
    public static EmbeddedKafkaCluster startCluster() {
        return EmbeddedKafkaCluster.builder().withSaslPlainUsers(Map.of(USER, PASSWORD)).start();
    }

    /** Client properties that log in as {@link #USER} with her password. */
    public static Properties rightClientProperties(EmbeddedKafkaCluster kafka) {
        return kafka.saslPlainClientProperties(USER, PASSWORD);
    }

    /** Client properties (bootstrap servers and security settings) with these credentials. */
    public Properties clientProperties(EmbeddedKafkaCluster kafka) {
        return kafka.saslPlainClientProperties(user, password);
    }

    /**
     * Checks that {@code failure} holds a {@link KafkaBridgeAuthenticationException} that says
     * authentication failed, names the cluster, the client and the security settings, and that no
     * message in the chain shows the password.
     *
     * @param client words of the client's name, such as {@code KafkaBridgeSink}
     */
    public static void assertExplained(
            @Nullable Throwable failure, EmbeddedKafkaCluster kafka, String client) {
        assertThat(failure).as("failure").isNotNull();
        assertThat(ExceptionUtils.findThrowable(failure, KafkaBridgeAuthenticationException.class))
                .as("authentication failure in %s", ExceptionUtils.stringifyException(failure))
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
                            assertThat(e)
                                    .hasMessageStartingWith("Authentication failed: Kafka at")
                                    .hasMessageContaining(kafka.bootstrapServers())
                                    .hasMessageContaining(client)
                                    .hasMessageContaining("security.protocol")
                                    .hasMessageContaining("sasl.mechanism")
                                    .hasMessageContaining("sasl.jaas.config");
                        });
        assertThat(ExceptionUtils.stringifyException(failure)).doesNotContain(PASSWORD);
    }
}
