package io.github.flinkkafkabridge.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class DeadLetterSettingsTest {

    private static Properties consumer() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "broker:9092");
        props.setProperty("security.protocol", "SASL_SSL");
        props.setProperty("sasl.jaas.config", "secret");
        props.setProperty("group.id", "orders");
        props.setProperty("fetch.min.bytes", "1024");
        return props;
    }

    private static DeadLetterSettings settings(DeliveryGuarantee guarantee, String prefix) {
        return new DeadLetterSettings(
                "orders-dlq",
                guarantee,
                prefix,
                Duration.ofMinutes(2),
                consumer(),
                "reader",
                Duration.ofSeconds(20),
                "source-1");
    }

    @Test
    void atLeastOnceProducersKeepTheConnectionSettingsAndWaitForAllReplicas() {
        Properties props = settings(DeliveryGuarantee.AT_LEAST_ONCE, null).atLeastOnceProducer(3);

        assertThat(props)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.id", "reader-dead-letters-3")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.block.ms", "20000")
                .doesNotContainKeys("group.id", "fetch.min.bytes", "transactional.id");
    }

    @Test
    void transactionalProducersUseTheIdAndTheDeadLetterTimeout() {
        Properties props =
                settings(DeliveryGuarantee.EXACTLY_ONCE, "dlq").transactionalProducer("dlq-2-1-0");

        assertThat(props)
                .containsEntry("transactional.id", "dlq-2-1-0")
                .containsEntry("transaction.timeout.ms", "120000")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("max.block.ms", "20000")
                .containsEntry("client.id", "reader-dlq-2-1-0");
    }

    @Test
    void exactlyOnceNeedsAPrefixAndNoneIsRefused() {
        assertThatThrownBy(() -> settings(DeliveryGuarantee.EXACTLY_ONCE, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(DeliveryGuarantee.NONE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsTheChoicesButNoSecret() {
        String shown = settings(DeliveryGuarantee.EXACTLY_ONCE, "dlq").toString();

        assertThat(shown).contains("orders-dlq", "EXACTLY_ONCE", "'dlq'").doesNotContain("secret");
    }
}
