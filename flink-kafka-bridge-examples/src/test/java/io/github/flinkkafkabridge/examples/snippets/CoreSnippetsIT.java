package io.github.flinkkafkabridge.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoreSnippetsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void theLagProbeExampleTablesTheLagOfEachCommittedPartition() throws Exception {
        String topic = KAFKA.createTopic("lag", 1);
        String group = "lag-" + topic;
        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, List.of("a", "b", "c", "d", "e"));
        try (Admin admin = Admin.create(KAFKA.cluster().clientProperties())) {
            admin.alterConsumerGroupOffsets(
                            group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        String table = CoreSnippets.lagTable(KAFKA.bootstrapServers(), group);

        List<String> partitionLine =
                table.lines()
                        .filter(line -> line.startsWith(topic + " "))
                        .findFirst()
                        .map(line -> List.of(line.trim().split("\\s+")))
                        .orElseThrow(
                                () -> new AssertionError("No line for " + topic + ":\n" + table));
        // topic, partition, committed, log end, lag in records, lag in seconds
        assertThat(partitionLine.subList(0, 5)).containsExactly(topic, "0", "2", "5", "3");
        assertThat(table).contains("TOTAL");
    }
}
