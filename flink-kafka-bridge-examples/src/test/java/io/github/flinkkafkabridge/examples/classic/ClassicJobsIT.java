package io.github.flinkkafkabridge.examples.classic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClassicJobsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void helloWorldWritesTheTwoWordsAndWordTupleReadsThemAsPairs() throws Exception {
        String topic = KAFKA.createTopic("hello-world", 2);

        HelloWorldJob.write(KAFKA.bootstrapServers(), topic, 3);

        assertThat(
                        KafkaTestRecords.consumeStrings(
                                KAFKA.cluster(), topic, 6, Duration.ofSeconds(30)))
                .containsExactlyInAnyOrder("hello", "world", "hello", "world", "hello", "world");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Tuple2<String, Integer>> pairs =
                WordTupleJob.pairs(env, KAFKA.bootstrapServers(), topic).executeAndCollect(100);
        assertThat(pairs)
                .containsExactlyInAnyOrder(
                        Tuple2.of("hello", 1),
                        Tuple2.of("hello", 1),
                        Tuple2.of("hello", 1),
                        Tuple2.of("world", 1),
                        Tuple2.of("world", 1),
                        Tuple2.of("world", 1));
    }
}
