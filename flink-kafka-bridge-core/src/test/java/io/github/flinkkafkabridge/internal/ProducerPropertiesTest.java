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

    @Test
    void bufferMemoryDefaultsToEightMibUnlessTheUserChose() {
        Properties none = new Properties();
        assertThat(ProducerProperties.nonTransactional(none, "w-0").getProperty("buffer.memory"))
                .isEqualTo(Long.toString(8L * 1024 * 1024));
        assertThat(
                        ProducerProperties.transactional(none, "tx-0", "w-0")
                                .getProperty("buffer.memory"))
                .isEqualTo(Long.toString(8L * 1024 * 1024));

        Properties user = new Properties();
        user.setProperty("buffer.memory", "33554432");
        assertThat(ProducerProperties.nonTransactional(user, "w-0").getProperty("buffer.memory"))
                .isEqualTo("33554432");
    }

    @Test
    void bufferMemoryHoldsTwoRecordsOfTheLargestRequestSize() {
        Properties user = new Properties();
        user.setProperty("max.request.size", "10485760");
        assertThat(ProducerProperties.nonTransactional(user, "w-0").getProperty("buffer.memory"))
                .isEqualTo("20971520");

        // Left to the producer, which names the key in its ConfigException.
        user.setProperty("max.request.size", "ten");
        assertThat(ProducerProperties.nonTransactional(user, "w-0").getProperty("buffer.memory"))
                .isNull();
    }

    @Test
    void sendBufferIsTheSystemsUnlessTheUserChose() {
        Properties none = new Properties();
        assertThat(
                        ProducerProperties.nonTransactional(none, "w-0")
                                .getProperty("send.buffer.bytes"))
                .isEqualTo("-1");
        assertThat(
                        ProducerProperties.transactional(none, "tx-0", "w-0")
                                .getProperty("send.buffer.bytes"))
                .isEqualTo("-1");

        Properties user = new Properties();
        user.setProperty("send.buffer.bytes", "131072");
        assertThat(
                        ProducerProperties.nonTransactional(user, "w-0")
                                .getProperty("send.buffer.bytes"))
                .isEqualTo("131072");
        assertThat(none).as("the user's properties are not changed").isEmpty();
    }
}
