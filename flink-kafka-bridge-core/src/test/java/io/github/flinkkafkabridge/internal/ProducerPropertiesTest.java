package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProducerPropertiesTest {

    @Test
    void batchesAreLargerAndLingerShorterThanKafkasDefaultsUnlessTheUserChose() {
        Properties none = new Properties();
        assertThat(ProducerProperties.nonTransactional(none, "w-0").getProperty("batch.size"))
                .isEqualTo("131072");
        assertThat(ProducerProperties.nonTransactional(none, "w-0").getProperty("linger.ms"))
                .isEqualTo("1");
        assertThat(ProducerProperties.transactional(none, "tx-0", "w-0").getProperty("batch.size"))
                .isEqualTo("131072");

        Properties user = new Properties();
        user.setProperty("batch.size", "16384");
        user.setProperty("linger.ms", "20");
        Properties chosen = ProducerProperties.nonTransactional(user, "w-0");
        assertThat(chosen.getProperty("batch.size")).isEqualTo("16384");
        assertThat(chosen.getProperty("linger.ms")).isEqualTo("20");
        assertThat(none).as("the user's properties are not changed").isEmpty();
    }
}
