package io.github.flinkkafkabridge.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadTopicJobIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void countsEveryWordOfTheTopic() throws Exception {
        String topic = KAFKA.createTopic("lines", 3);
        KafkaTestRecords.produceStrings(
                KAFKA.cluster(),
                topic,
                List.of("Kafka and Flink", "flink flink", "KAFKA, streams!", "", "and"));

        List<Tuple2<String, Long>> counts =
                ReadTopicJob.countWords(KAFKA.bootstrapServers(), topic, 2);

        assertThat(counts)
                .containsExactly(
                        Tuple2.of("flink", 3L),
                        Tuple2.of("and", 2L),
                        Tuple2.of("kafka", 2L),
                        Tuple2.of("streams", 1L));
    }
}
