package io.github.flinkkafkabridge.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quickstart end to end on its own local Flink (so its progress reporter is configured): the
 * generator, the job and the progress report all run and the summary adds up.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QuickstartJobIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void runsGeneratorJobAndProgressAndReportsConsistentTotals() throws Exception {
        WordCountJob.Settings settings =
                new WordCountJob.Settings(
                        KAFKA.bootstrapServers(),
                        KAFKA.createTopic("sentences", 2),
                        KAFKA.createTopic("word-counts", 2),
                        KAFKA.createTopic("sentences-dlq", 1),
                        Duration.ofSeconds(2),
                        2,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        Duration.ofMillis(500));

        QuickstartJob.Summary summary =
                QuickstartJob.run(settings, Duration.ofSeconds(20), 500, Duration.ofSeconds(5), 0);

        assertThat(summary.sentencesWritten()).isGreaterThan(1_000);
        assertThat(summary.malformedWritten()).isPositive();
        assertThat(summary.recordsRead())
                .isPositive()
                .isLessThanOrEqualTo(summary.sentencesWritten());
        assertThat(summary.deadLettered())
                .isPositive()
                .isLessThanOrEqualTo(summary.malformedWritten());
        assertThat(summary.countsWritten()).isPositive();
        assertThat(summary.windowResultsRead())
                .isPositive()
                .isLessThanOrEqualTo(summary.countsWritten());
        assertThat(summary.topWords()).doesNotContain("no window closed yet");
    }
}
