package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void batchingKeepsKafkasDefaultsUnlessTheUserChose() {
        Properties none = new Properties();
        // Batches larger than a topic's max.message.bytes never shrink when the producer splits
        // them, so the sink does not raise batch.size on its own.
        assertThat(ProducerProperties.nonTransactional(none, "w-0").getProperty("batch.size"))
                .isNull();
        assertThat(ProducerProperties.transactional(none, "tx-0", "w-0").getProperty("linger.ms"))
                .isNull();

        Properties user = new Properties();
        user.setProperty("batch.size", "131072");
        user.setProperty("linger.ms", "1");
        Properties chosen = ProducerProperties.nonTransactional(user, "w-0");
        assertThat(chosen.getProperty("batch.size")).isEqualTo("131072");
        assertThat(chosen.getProperty("linger.ms")).isEqualTo("1");
        assertThat(none).as("the user's properties are not changed").isEmpty();
    }
}
