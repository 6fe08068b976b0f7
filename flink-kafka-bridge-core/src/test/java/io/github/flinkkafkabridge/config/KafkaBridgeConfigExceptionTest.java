package io.github.flinkkafkabridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBridgeConfigExceptionTest {

    @Test
    void singleProblemIsShownInline() {
        KafkaBridgeConfigException e =
                new KafkaBridgeConfigException(
                        "KafkaBridgeSource",
                        List.of("missing required option bootstrapServers (setBootstrapServers)"));

        assertThat(e)
                .hasMessage(
                        "Invalid KafkaBridgeSource configuration: missing required option"
                                + " bootstrapServers (setBootstrapServers)");
        assertThat(e.problems())
                .containsExactly("missing required option bootstrapServers (setBootstrapServers)");
    }

    @Test
    void severalProblemsAreNumberedAndSeparated() {
        KafkaBridgeConfigException e =
                new KafkaBridgeConfigException(
                        "KafkaBridgeSink", List.of("first", "second", "third"));

        assertThat(e)
                .hasMessage(
                        "Invalid KafkaBridgeSink configuration, 3 problems: (1) first; (2) second;"
                                + " (3) third");
        assertThat(e.problems()).containsExactly("first", "second", "third");
    }

    @Test
    void problemsAreACopyAndUnmodifiable() {
        List<String> problems = new ArrayList<>(List.of("a", "b"));
        KafkaBridgeConfigException e = new KafkaBridgeConfigException("X", problems);
        problems.add("c");

        assertThat(e.problems()).containsExactly("a", "b");
        assertThatThrownBy(() -> e.problems().add("d"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void isAnIllegalArgumentException() {
        assertThat(new KafkaBridgeConfigException("X", List.of("p")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
