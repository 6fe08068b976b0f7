package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builder validation; no broker is started here (see {@code EmbeddedKafkaClusterIT}). */
class EmbeddedKafkaClusterTest {

    @Test
    void collectsOverridesLastValueWins() {
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder()
                        .brokerProperty("transaction.max.timeout.ms", "60000")
                        .brokerProperties(
                                Map.of(
                                        "transaction.two.phase.commit.enable", "true",
                                        "transaction.max.timeout.ms", "90000"));

        assertThat(builder.brokerProperties())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "transaction.max.timeout.ms", "90000",
                                "transaction.two.phase.commit.enable", "true"));
    }

    @Test
    void rejectsManagedKeysNamingThem() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokerProperty("log.dirs", "/data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'log.dirs'")
                .hasMessageContaining("cannot be overridden");
    }

    @Test
    void aRejectedMapAppliesNothing() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("num.partitions", "3");
        props.put("listeners", "PLAINTEXT://:9092");
        EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder();

        assertThatThrownBy(() -> builder.brokerProperties(props))
                .hasMessageContaining("'listeners'");
        assertThat(builder.brokerProperties()).isEmpty();
    }

    @Test
    void rejectsNullKeysAndValues() {
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokerProperty("a.b", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'a.b'");
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("c.d", null);
        assertThatThrownBy(() -> EmbeddedKafkaCluster.builder().brokerProperties(withNull))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("'c.d'");
    }

    @Test
    void builderToStringShowsKeysOnly() {
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder()
                        .brokerProperty("sasl.jaas.config", "password=\"s3cret\"");

        assertThat(builder.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }

    @Test
    void builderToStringNamesSaslUsersButNoPassword() {
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder().withSaslPlainUsers(Map.of("alice", "s3cret"));

        assertThat(builder.toString()).contains("alice").doesNotContain("s3cret");
    }

    @Test
    void rejectsABadSaslUserNamingIt() {
        assertThatThrownBy(
                        () ->
                                EmbeddedKafkaCluster.builder()
                                        .withSaslPlainUsers(Map.of("testkit-admin", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'testkit-admin'");
    }

    @Test
    void collectsFeatureLevelsLastValueWins() {
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder()
                        .feature(KafkaCluster.TRANSACTION_VERSION, 1)
                        .feature("group.version", 1)
                        .feature(KafkaCluster.TRANSACTION_VERSION, 0);

        assertThat(builder.featureLevels())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("transaction.version", 0, "group.version", 1));
        assertThat(builder.toString()).contains("transaction.version=0");
    }

    @Test
    void rejectsBadFeatureLevelsAtOnceNamingThem() {
        EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder();

        assertThatThrownBy(() -> builder.feature(KafkaCluster.TRANSACTION_VERSION, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'transaction.version'")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> builder.feature(" ", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.featureLevels()).isEmpty();
    }
}
