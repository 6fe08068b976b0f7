package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigsTest {

    private static final Path LOG_DIR = Path.of("/tmp/embedded-kafka-test/data");

    @Test
    void combinedNodeOnLoopbackWithTestDefaults() {
        Properties props = BrokerConfigs.build(7, 20001, 20002, LOG_DIR, Map.of());

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "7")
                .containsEntry(
                        "listeners", "PLAINTEXT://127.0.0.1:20001,CONTROLLER://127.0.0.1:20002")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:20001")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:20002")
                .containsEntry("log.dirs", LOG_DIR.toString())
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("num.partitions", "1");
    }

    @Test
    void saslClientListenerKeepsThePlaintextControllerListener() {
        SaslPlainUsers users = SaslPlainUsers.of(Map.of("alice", "alice-secret"));
        Properties props =
                BrokerConfigs.build(
                        7,
                        20001,
                        20002,
                        LOG_DIR,
                        Map.of("sasl.enabled.mechanisms", "SCRAM-SHA-256"),
                        users);

        assertThat(props)
                .containsEntry(
                        "listeners",
                        "SASL_PLAINTEXT://127.0.0.1:20001,CONTROLLER://127.0.0.1:20002")
                .containsEntry("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:20001")
                .containsEntry(
                        "listener.security.protocol.map",
                        "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "SASL_PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("sasl.enabled.mechanisms", "PLAIN")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "PLAIN");
        assertThat(props.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config"))
                .contains("user_alice=\"alice-secret\"");
    }

    @Test
    void overridesReplaceDefaults() {
        Properties props =
                BrokerConfigs.build(
                        1,
                        20001,
                        20002,
                        LOG_DIR,
                        Map.of(
                                "auto.create.topics.enable", "true",
                                "transaction.max.timeout.ms", "60000"));

        assertThat(props)
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("transaction.max.timeout.ms", "60000");
    }

    @Test
    void managedKeysCannotBeOverridden() {
        assertThatThrownBy(() -> BrokerConfigs.checkOverride("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'listeners'")
                .hasMessageContaining("log.dirs");
        assertThatThrownBy(() -> BrokerConfigs.build(1, 1, 2, LOG_DIR, Map.of("node.id", "3")))
                .hasMessageContaining("'node.id'");
    }

    @Test
    void rejectsNullAndBlank() {
        assertThatThrownBy(() -> BrokerConfigs.checkOverride(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> BrokerConfigs.checkOverride("num.partitions", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'num.partitions'");
    }
}
