package io.github.flinkkafkabridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void presetThenOverrides() {
        BenchOptions o = BenchOptions.parse("smoke", "--reps", "2", "--sections", "sink,latency");

        assertThat(o.reps).isEqualTo(2);
        assertThat(o.sourceRecords).isEqualTo(60_000);
        assertThat(o.runs("sink")).isTrue();
        assertThat(o.runs("source")).isFalse();
    }

    @Test
    void unknownOptionNamesItAndShowsUsage() {
        assertThatThrownBy(() -> BenchOptions.parse("--records", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--records")
                .hasMessageContaining("--source-records");
    }

    @Test
    void unknownContenderOrSectionIsNamedWithTheChoices() {
        assertThatThrownBy(() -> BenchOptions.parse("full", "--contenders", "bridge,raw"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'raw'")
                .hasMessageContaining("--contenders")
                .hasMessageContaining("raw-clients");
        assertThatThrownBy(() -> BenchOptions.parse("full", "--sections", "sinks"))
                .hasMessageContaining("'sinks'")
                .hasMessageContaining("latency");
    }
}
