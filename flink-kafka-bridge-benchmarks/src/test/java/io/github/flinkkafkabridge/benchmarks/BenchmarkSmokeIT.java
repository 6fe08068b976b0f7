package io.github.flinkkafkabridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the harness in its smoke mode (small N, one repetition) so it never rots: every section,
 * every contender, a report with positive rates.
 */
class BenchmarkSmokeIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void smokeRunWritesEveryContenderAndPositiveRates() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        BenchmarkSuite suite =
                new BenchmarkSuite(BenchOptions.parse("smoke", "--out", out.toString()));

        suite.run();

        for (String file :
                List.of(Report.CSV, Report.SUMMARY, Report.THROUGHPUT_SVG, Report.LATENCY_SVG)) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        List<Results.Series> all = suite.results().all();
        for (String section : List.of("source", "sink", "latency")) {
            assertThat(
                            all.stream()
                                    .filter(s -> s.key.section().equals(section))
                                    .map(s -> s.key.contender()))
                    .as("contenders in section %s", section)
                    .contains(
                            Contender.BRIDGE.label(),
                            Contender.OFFICIAL.label(),
                            Contender.RAW.label());
        }
        assertThat(
                        all.stream()
                                .filter(s -> s.key.section().equals("metrics"))
                                .map(s -> s.key.contender()))
                .contains("bridge-metrics-on", "bridge-metrics-off");
        assertThat(all.stream().map(s -> s.key.contender()))
                .as("the official exactly-once sink ran in its kafka-clients 4.2.x JVM")
                .contains(Contender.OFFICIAL.label() + Report.OFFICIAL_EOS_SUFFIX);
        for (Results.Series s : all) {
            if (s.key.unit().equals("records/s")) {
                assertThat(s.median()).as("%s", s.key).isPositive();
            }
        }
        String csv = Files.readString(out.resolve(Report.CSV));
        assertThat(csv).startsWith("section,scenario,contender,metric");
        assertThat(Files.readString(out.resolve(Report.SUMMARY))).contains("## Targets");
    }
}
