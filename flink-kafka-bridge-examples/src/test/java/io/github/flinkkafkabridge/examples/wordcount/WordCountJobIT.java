package io.github.flinkkafkabridge.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WordCountJobIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long T0 = 1_700_000_000_000L; // a multiple of the window size

    private static ProducerRecord<byte[], byte[]> sentence(
            String topic, long offsetMs, String text) {
        return new ProducerRecord<>(topic, 0, T0 + offsetMs, null, text.getBytes(UTF_8));
    }

    @Test
    void countsWordsPerWindowWithRunningTotalsExactlyOnceAndDeadLettersMalformedInput()
            throws Exception {
        String input = KAFKA.createTopic("sentences", 1);
        String output = KAFKA.createTopic("word-counts", 2);
        String deadLetters = KAFKA.createTopic("sentences-dlq", 1);
        byte[] malformed = {(byte) 0xC3, (byte) 0x28};
        KafkaTestRecords.produce(
                KAFKA.cluster(),
                List.of(
                        sentence(input, 1_000, "Kafka, Flink and KAFKA"),
                        sentence(input, 2_000, "flink"),
                        new ProducerRecord<>(input, 0, T0 + 3_000, null, malformed),
                        sentence(input, 12_000, "kafka"),
                        // Moves the watermark past the first two windows.
                        sentence(input, 40_000, "later")));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        WordCountJob.build(
                env,
                new WordCountJob.Settings(
                        KAFKA.bootstrapServers(),
                        input,
                        output,
                        deadLetters,
                        Duration.ofSeconds(10),
                        1,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        Duration.ofMillis(300)));
        JobClient job = env.executeAsync("word count");
        try {
            List<String> counts =
                    KafkaTestRecords.consumeStrings(
                            KAFKA.cluster(), output, 4, Duration.ofSeconds(90));
            assertThat(counts)
                    .containsExactlyInAnyOrder(
                            new WordCount("kafka", T0, T0 + 10_000, 2, 2).toJson(),
                            new WordCount("flink", T0, T0 + 10_000, 2, 2).toJson(),
                            new WordCount("and", T0, T0 + 10_000, 1, 1).toJson(),
                            new WordCount("kafka", T0 + 10_000, T0 + 20_000, 1, 3).toJson());

            List<ConsumerRecord<byte[], byte[]>> letters =
                    KafkaTestRecords.consume(
                            KAFKA.cluster(), deadLetters, 1, Duration.ofSeconds(30));
            assertThat(letters).hasSize(1);
            assertThat(letters.get(0).value()).isEqualTo(malformed);
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
