package io.github.flinkkafkabridge.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe.PartitionLag;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ConsumerGroupLagProbe} against a real broker. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsumerGroupLagProbeIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupLagProbeIT.class);

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void lagInRecordsIsExactAndInSecondsWithinTwentyPercent() throws Exception {
        String topic = KAFKA.createTopic("lag-probe", 2);
        String group = "probe-" + topic;
        // Partition 0: 1,000 records written 100 ms apart from 200 s ago; partition 1 caught up.
        long base = System.currentTimeMillis() - 200_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(record(topic, 0, base + 100L * i, i));
        }
        for (int i = 0; i < 10; i++) {
            records.add(record(topic, 1, base + 100L * i, i));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Admin admin = KAFKA.cluster().createAdmin()) {
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(p0, new OffsetAndMetadata(400), p1, new OffsetAndMetadata(10)))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            List<PartitionLag> lags = ConsumerGroupLagProbe.using(admin).probe(group);
            // Record 400 was written at base + 40 s.
            double truth = (System.currentTimeMillis() - (base + 40_000)) / 1000.0;

            LOG.info(
                    "Lag probe: estimated {} s, truth {} s ({} %)\n{}",
                    lags.get(0).lagSeconds(),
                    truth,
                    String.format("%+.2f", 100 * (lags.get(0).lagSeconds() / truth - 1)),
                    ConsumerGroupLagProbe.table(lags));
            assertThat(lags).hasSize(2);
            PartitionLag lag0 = lags.get(0);
            assertThat(lag0.partition()).isEqualTo(p0);
            assertThat(lag0.committedOffset()).isEqualTo(400);
            assertThat(lag0.logEndOffset()).isEqualTo(1_000);
            assertThat(lag0.lagRecords()).isEqualTo(600);
            assertThat(lag0.lagSecondsAtLeast()).isFalse();
            assertThat(lag0.lagSeconds()).isCloseTo(truth, within(0.20 * truth));
            PartitionLag lag1 = lags.get(1);
            assertThat(lag1.lagRecords()).isZero();
            assertThat(lag1.lagSeconds()).isZero();

            String table = ConsumerGroupLagProbe.table(lags);
            assertThat(table).contains("TOPIC", "LAG-SECONDS", topic, "TOTAL");
        }
    }

    @Test
    void mainPrintsTheTable() throws Exception {
        String topic = KAFKA.createTopic("lag-main", 1);
        String group = "probe-" + topic;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record(topic, 0, System.currentTimeMillis(), i));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), records);
        try (Admin admin = KAFKA.cluster().createAdmin()) {
            admin.alterConsumerGroupOffsets(
                            group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                ConsumerGroupLagProbe.run(
                        new String[] {
                            "--bootstrap-servers", KAFKA.bootstrapServers(), "--group", group
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(topic).contains(" 15 ");
    }

    @Test
    void badArgumentsPrintTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                ConsumerGroupLagProbe.run(
                        new String[] {"--group"},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: ConsumerGroupLagProbe");
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, int partition, long timestamp, int i) {
        return new ProducerRecord<>(
                topic, partition, timestamp, null, ("v-" + i).getBytes(StandardCharsets.UTF_8));
    }
}
