package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Properties;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

class ClientPropertiesTest {

    private final Queue<SubstituteLoggingEvent> events = new ArrayDeque<>();
    private final Logger log =
            new EventRecordingLogger(new SubstituteLogger("test", events, false), events);

    @Test
    void copyOfNullIsEmpty() {
        assertThat(ClientProperties.copyOf(null)).isEmpty();
    }

    @Test
    void copyIsIndependentAndKeepsDefaultsAndStringsOnly() {
        Properties defaults = new Properties();
        defaults.setProperty("from.defaults", "d");
        Properties source = new Properties(defaults);
        source.setProperty("a", "1");
        source.put("not.a.string", 42);

        Properties copy = ClientProperties.copyOf(source);
        source.setProperty("a", "changed");
        source.setProperty("b", "2");

        assertThat(copy).containsOnlyKeys("a", "from.defaults");
        assertThat(copy.getProperty("a")).isEqualTo("1");
        assertThat(copy.getProperty("from.defaults")).isEqualTo("d");
        assertThat(copy).isNotSameAs(source);
    }

    @Test
    void enforceSetsAnAbsentKeyWithoutWarning() {
        Properties props = new Properties();

        ClientProperties.enforce(props, "enable.auto.commit", "false", "reason", log);

        assertThat(props.getProperty("enable.auto.commit")).isEqualTo("false");
        assertThat(events).isEmpty();
    }

    @Test
    void enforceDoesNotWarnWhenTheUserValueIsTheSame() {
        Properties props = new Properties();
        props.setProperty("enable.auto.commit", "false");

        ClientProperties.enforce(props, "enable.auto.commit", "false", "reason", log);

        assertThat(props.getProperty("enable.auto.commit")).isEqualTo("false");
        assertThat(events).isEmpty();
    }

    @Test
    void enforceWarnsWhenOverridingAUserValue() {
        Properties props = new Properties();
        props.setProperty("enable.auto.commit", "true");

        ClientProperties.enforce(
                props, "enable.auto.commit", "false", "offsets are committed on checkpoints", log);

        assertThat(props.getProperty("enable.auto.commit")).isEqualTo("false");
        assertThat(events).hasSize(1);
        SubstituteLoggingEvent event = events.peek();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(Arrays.asList(event.getArgumentArray()))
                .containsExactly(
                        "enable.auto.commit",
                        "false",
                        "true",
                        "offsets are committed on checkpoints");
    }

    @Test
    void enforceNeverLogsSecretValues() {
        Properties props = new Properties();
        props.setProperty("ssl.key.password", "user-secret");

        ClientProperties.enforce(props, "ssl.key.password", "library-secret", "reason", log);

        assertThat(props.getProperty("ssl.key.password")).isEqualTo("library-secret");
        assertThat(events).hasSize(1);
        assertThat(Arrays.asList(events.peek().getArgumentArray()))
                .containsExactly(
                        "ssl.key.password",
                        ClientProperties.REDACTED,
                        ClientProperties.REDACTED,
                        "reason")
                .doesNotContain("user-secret", "library-secret");
    }

    @Test
    void setIfAbsentKeepsTheUserValue() {
        Properties props = new Properties();
        props.setProperty("auto.offset.reset", "latest");

        ClientProperties.setIfAbsent(props, "auto.offset.reset", "earliest");
        ClientProperties.setIfAbsent(props, "isolation.level", "read_committed");

        assertThat(props.getProperty("auto.offset.reset")).isEqualTo("latest");
        assertThat(props.getProperty("isolation.level")).isEqualTo("read_committed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ssl.key.password",
                "ssl.keystore.password",
                "SSL.TRUSTSTORE.PASSWORD",
                "sasl.jaas.config",
                "ssl.keystore.key",
                "sasl.oauthbearer.client.credentials.client.secret",
                "sasl.oauthbearer.assertion.private.key",
                "some.access.token",
                "my.credentials.file"
            })
    void secretKeys(String key) {
        assertThat(ClientProperties.isSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bootstrap.servers",
                "key.deserializer",
                "group.id",
                "ssl.keystore.location",
                "sasl.mechanism",
                "client.id"
            })
    void nonSecretKeys(String key) {
        assertThat(ClientProperties.isSecret(key)).isFalse();
    }

    @Test
    void redactedIsSortedAndHidesSecrets() {
        Properties props = new Properties();
        props.setProperty("sasl.jaas.config", "org.apache...PlainLoginModule password=\"p\";");
        props.setProperty("bootstrap.servers", "b:9092");
        props.setProperty("ssl.key.password", "pw");

        String text = ClientProperties.redacted(props);

        assertThat(text)
                .isEqualTo(
                        "{bootstrap.servers=b:9092, sasl.jaas.config=[hidden],"
                                + " ssl.key.password=[hidden]}")
                .doesNotContain("pw")
                .doesNotContain("PlainLoginModule");
    }
}
