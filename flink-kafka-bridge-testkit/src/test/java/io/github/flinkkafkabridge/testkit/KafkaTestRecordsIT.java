package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaTestRecordsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void keysPartitionsAndTimestampsRoundTrip() {
        String topic = KAFKA.createTopic("round-trip", 3);
        long timestamp = 1_700_000_000_000L;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(
                    new ProducerRecord<>(
                            topic, 2 - i % 3, timestamp + i, bytes("key-" + i), bytes("v" + i)));
        }
        records.add(
                new ProducerRecord<byte[], byte[]>(
                        topic, 0, timestamp + 6, (byte[]) null, (byte[]) null));

        KafkaTestRecords.produce(KAFKA.cluster(), records);
        List<ConsumerRecord<byte[], byte[]>> read =
                KafkaTestRecords.consume(KAFKA.cluster(), topic, 7, TIMEOUT);

        assertThat(read).hasSize(7);
        for (ConsumerRecord<byte[], byte[]> record : read) {
            if (record.key() == null) {
                assertThat(record.value()).isNull();
                assertThat(record.partition()).isZero();
                assertThat(record.timestamp()).isEqualTo(timestamp + 6);
                continue;
            }
            int i = Integer.parseInt(string(record.key()).substring("key-".length()));
            assertThat(record.partition()).isEqualTo(2 - i % 3);
            assertThat(record.timestamp()).isEqualTo(timestamp + i);
            assertThat(string(record.value())).isEqualTo("v" + i);
        }
    }

    @Test
    void stringsGoRoundRobinOverPartitions() {
        String topic = KAFKA.createTopic("round-robin", 3);
        List<String> values = List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6");

        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, values);
        List<ConsumerRecord<byte[], byte[]>> read =
                KafkaTestRecords.consume(KAFKA.cluster(), topic, values.size(), TIMEOUT);

        assertThat(read)
                .extracting(r -> string(r.value()) + "@" + r.partition())
                .containsExactlyInAnyOrder("v0@0", "v1@1", "v2@2", "v3@0", "v4@1", "v5@2", "v6@0");
        assertThat(read).allSatisfy(r -> assertThat(r.key()).isNull());
        assertThat(KafkaTestRecords.consumeStrings(KAFKA.cluster(), topic, 7, TIMEOUT))
                .containsExactlyInAnyOrderElementsOf(values);
    }

    @Test
    void returnsWhatArrivedWhenTheTimeoutPasses() {
        String topic = KAFKA.createTopic("short", 2);
        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, List.of("only-1", "only-2"));

        List<String> read =
                KafkaTestRecords.consumeStrings(KAFKA.cluster(), topic, 5, Duration.ofSeconds(2));

        assertThat(read).containsExactlyInAnyOrder("only-1", "only-2");
    }

    @Test
    void expectingNothingReturnsAtOnce() {
        String topic = KAFKA.createTopic("nothing", 1);

        assertThat(KafkaTestRecords.consume(KAFKA.cluster(), topic, 0, Duration.ofMinutes(5)))
                .isEmpty();
    }

    @Test
    void readsOnlyCommittedTransactions() {
        String topic = KAFKA.createTopic("transactions", 1);
        Properties props = KAFKA.cluster().clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, KAFKA.uniqueTopic("txn-id"));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted-1"));
            producer.send(new ProducerRecord<>(topic, "aborted-2"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed"));
            producer.commitTransaction();
        }

        // The aborted records come first in the log: a read_uncommitted read would return them.
        assertThat(KafkaTestRecords.consumeStrings(KAFKA.cluster(), topic, 1, TIMEOUT))
                .containsExactly("committed");
    }

    @Test
    void missingTopicIsAClearError() {
        String missing = KAFKA.uniqueTopic("missing");

        assertThatThrownBy(() -> KafkaTestRecords.consume(KAFKA.cluster(), missing, 1, TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + missing + "' does not exist")
                .hasMessageContaining(KAFKA.bootstrapServers());
        assertThatThrownBy(
                        () -> KafkaTestRecords.consume(KAFKA.cluster(), missing, -1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
