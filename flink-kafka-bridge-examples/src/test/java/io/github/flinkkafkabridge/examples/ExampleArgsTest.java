package io.github.flinkkafkabridge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleArgsTest {

    private static final List<String> KNOWN = List.of("topic", "records");

    @Test
    void readsValuesAndDefaults() {
        ExampleArgs args =
                ExampleArgs.parse(new String[] {"--topic", "t", "--records", "5"}, "usage", KNOWN);

        assertThat(args.get("topic")).isEqualTo("t");
        assertThat(args.getInt("records", 1)).isEqualTo(5);
        assertThat(args.get("missing", "fallback")).isEqualTo("fallback");
        assertThat(args.helpRequested()).isFalse();
    }

    @Test
    void helpIsRecognised() {
        assertThat(ExampleArgs.parse(new String[] {"--help"}, "usage", KNOWN).helpRequested())
                .isTrue();
    }

    @Test
    void unknownOptionIsRejectedWithTheUsage() {
        assertThatThrownBy(
                        () -> ExampleArgs.parse(new String[] {"--topik", "t"}, "the usage", KNOWN))
                .hasMessageContaining("--topik")
                .hasMessageContaining("the usage");
    }

    @Test
    void missingValueAndNonNumberAreNamed() {
        assertThatThrownBy(() -> ExampleArgs.parse(new String[] {"--topic"}, "u", KNOWN))
                .hasMessageContaining("'--topic' needs a value");
        ExampleArgs args = ExampleArgs.parse(new String[] {"--records", "many"}, "u", KNOWN);
        assertThatThrownBy(() -> args.getInt("records", 1))
                .hasMessageContaining("--records")
                .hasMessageContaining("many");
    }
}
