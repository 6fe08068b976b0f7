package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaslPlainUsersTest {

    @Test
    void brokerJaasConfigAcceptsTheUsersAndTheAdmin() {
        SaslPlainUsers users = SaslPlainUsers.of(Map.of("alice", "alice-secret"));

        Map<String, String> broker = users.brokerProperties("SASL_PLAINTEXT");

        assertThat(broker)
                .containsEntry("sasl.enabled.mechanisms", "PLAIN")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "PLAIN");
        String jaas = broker.get("listener.name.sasl_plaintext.plain.sasl.jaas.config");
        assertThat(jaas)
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required ")
                .contains("username=\"testkit-admin\"")
                .contains("user_testkit-admin=\"")
                .contains("user_alice=\"alice-secret\"")
                .endsWith(";");
    }

    @Test
    void adminClientPropertiesLogInWithTheAdminPasswordTheBrokerAccepts() {
        SaslPlainUsers users = SaslPlainUsers.of(Map.of());
        String jaas = users.adminClientProperties().get("sasl.jaas.config");
        String password = jaas.replaceAll(".*password=\"([^\"]+)\".*", "$1");

        assertThat(users.adminClientProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(password).hasSize(32);
        assertThat(users.brokerProperties("X").get("listener.name.x.plain.sasl.jaas.config"))
                .contains("user_testkit-admin=\"" + password + "\"");
        assertThat(SaslPlainUsers.of(Map.of()).adminClientProperties().get("sasl.jaas.config"))
                .as("a fresh admin password per cluster")
                .isNotEqualTo(jaas);
    }

    @Test
    void clientPropertiesForAnyUser() {
        assertThat(SaslPlainUsers.clientProperties("bob", "wrong"))
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"bob\" password=\"wrong\";");
    }

    @Test
    void rejectsTheReservedNameAndUnquotableValuesWithoutShowingPasswords() {
        assertThatThrownBy(() -> SaslPlainUsers.of(Map.of("testkit-admin", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> SaslPlainUsers.of(Map.of("al ice", "x")))
                .hasMessageContaining("'al ice'");
        assertThatThrownBy(() -> SaslPlainUsers.of(Map.of("alice", "se\"cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'alice'")
                .hasMessageNotContaining("se\"cret");
        assertThatThrownBy(() -> SaslPlainUsers.of(Map.of(" ", "x"))).hasMessageContaining("blank");
        Map<String, String> nullPassword = new LinkedHashMap<>();
        nullPassword.put("alice", null);
        assertThatThrownBy(() -> SaslPlainUsers.of(nullPassword))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'alice'");
    }

    @Test
    void toStringNamesUsersOnly() {
        SaslPlainUsers users = SaslPlainUsers.of(Map.of("alice", "alice-secret"));

        assertThat(users.toString())
                .contains("alice")
                .contains("testkit-admin")
                .doesNotContain("alice-secret")
                .doesNotContain("password");
        assertThat(users.userNames()).containsExactly("alice");
    }
}
