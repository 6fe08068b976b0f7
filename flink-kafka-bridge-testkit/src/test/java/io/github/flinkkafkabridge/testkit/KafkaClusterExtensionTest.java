package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the extension does without a cluster; see the {@code KafkaClusterExtension*IT} classes. */
class KafkaClusterExtensionTest {

    @Test
    void usingTheClusterBeforeItStartsExplainsWhy() {
        KafkaClusterExtension extension = new KafkaClusterExtension();

        assertThatThrownBy(extension::cluster)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running")
                .hasMessageContaining("@RegisterExtension");
        assertThatThrownBy(extension::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> extension.createTopic("orders", 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void uniqueTopicsNeedNoCluster() {
        KafkaClusterExtension extension = new KafkaClusterExtension();

        String first = extension.uniqueTopic("orders");
        String second = extension.uniqueTopic("orders");

        assertThat(first).matches("orders-\\d+-[a-z0-9]{6}");
        assertThat(second).matches("orders-\\d+-[a-z0-9]{6}").isNotEqualTo(first);
        assertThat(extension.uniqueTopic("my test()")).matches("my_test__-\\d+-[a-z0-9]{6}");
    }

    @Test
    void brokerPropertiesAreCheckedAtOnce() {
        KafkaClusterExtension extension = new KafkaClusterExtension();

        assertThat(extension.withBrokerProperty("transaction.max.timeout.ms", "60000"))
                .isSameAs(extension);
        assertThatThrownBy(() -> extension.withBrokerProperty("process.roles", "broker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'process.roles'");
    }

    @Test
    void featureLevelsAreCheckedAtOnce() {
        KafkaClusterExtension extension = new KafkaClusterExtension();

        assertThat(extension.withFeature(KafkaCluster.TRANSACTION_VERSION, 0)).isSameAs(extension);
        assertThatThrownBy(() -> extension.withFeature(KafkaCluster.TRANSACTION_VERSION, 99_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'transaction.version'");
    }
}
