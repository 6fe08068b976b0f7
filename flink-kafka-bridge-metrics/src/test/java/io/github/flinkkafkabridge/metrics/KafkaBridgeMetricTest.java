package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaBridgeMetricTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void namesAreUniqueWithinTheirGroupAndCamelCase() {
        Set<String> qualified = new HashSet<>();
        for (KafkaBridgeMetric metric : KafkaBridgeMetric.values()) {
            assertThat(qualified.add(metric.scope() + "/" + metric.metricName()))
                    .as("duplicate %s", metric)
                    .isTrue();
            assertThat(metric.metricName()).matches("[a-z][a-zA-Z]*");
            assertThat(metric.unit()).isNotBlank();
            assertThat(metric.description()).endsWith(".");
        }
    }

    @Test
    void qualifiedNamesIncludeTheGroupPath() {
        assertThat(KafkaBridgeMetric.RECORDS_READ_PER_SECOND.qualifiedName())
                .isEqualTo("KafkaBridgeSource.recordsReadPerSecond");
        assertThat(KafkaBridgeMetric.PENDING_RECORDS.qualifiedName()).isEqualTo("pendingRecords");
        assertThat(KafkaBridgeMetric.PARTITION_BACKLOG_RECORDS.qualifiedName())
                .isEqualTo("KafkaBridgeSource.topic.<topic>.partition.<partition>.backlogRecords");
        assertThat(KafkaBridgeMetric.ACK_LATENCY.qualifiedName())
                .isEqualTo("KafkaBridgeSink.ackLatency");
    }

    /** The README's "Metrics" tables list exactly the declared metrics, with unit and meaning. */
    @Test
    void readmeDocumentsEveryMetric() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("## Metrics");
        assertThat(start).as("README has a Metrics section").isNotNegative();
        String section = readme.substring(start, readme.indexOf("\n### ", start));
        List<String> rows =
                Arrays.stream(section.split("\n"))
                        .filter(line -> line.startsWith("| `"))
                        .collect(Collectors.toList());
        for (KafkaBridgeMetric metric : KafkaBridgeMetric.values()) {
            String row =
                    "| `"
                            + metric.metricName()
                            + "` | "
                            + metric.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " | "
                            + metric.unit()
                            + " | "
                            + metric.description()
                            + " |";
            assertThat(rows).as("README row of %s", metric).contains(row);
        }
        assertThat(rows).hasSize(KafkaBridgeMetric.values().length);
    }
}
