package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void uniqueNameIsPrefixCounterAndSuffix() {
        String name = TopicNames.unique("orders");

        assertThat(name).matches("orders-\\d+-[a-z0-9]{6}");
        assertThat(TopicNames.checkValid(name)).isEqualTo(name);
    }

    @Test
    void namesNeverRepeatAndCountUp() {
        Set<String> names = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 1000; i++) {
            String name = TopicNames.unique("t");
            assertThat(names.add(name)).as("duplicate %s", name).isTrue();
            long counter = Long.parseLong(name.split("-")[1]);
            assertThat(counter).isGreaterThan(previous);
            previous = counter;
        }
    }

    @Test
    void illegalCharactersOfThePrefixBecomeUnderscores() {
        String name = TopicNames.unique("writes(int)[1] ä/b");

        assertThat(name).startsWith("writes_int__1____b-").matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void keepsDotsDashesAndUnderscores() {
        assertThat(TopicNames.unique("a.b_c-d")).startsWith("a.b_c-d-");
    }

    @Test
    void emptyPrefixBecomesDefault() {
        assertThat(TopicNames.unique("")).startsWith(TopicNames.DEFAULT_PREFIX + "-");
    }

    @Test
    void longPrefixIsCutSoTheNameStaysLegal() {
        String name = TopicNames.unique("x".repeat(400));

        assertThat(name.length()).isLessThanOrEqualTo(TopicNames.MAX_LENGTH);
        assertThat(name).startsWith("x".repeat(TopicNames.MAX_PREFIX_LENGTH) + "-");
    }

    @Test
    void checkValidQuotesTheBadName() {
        assertThatThrownBy(() -> TopicNames.checkValid("has space"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'has space'")
                .hasMessageContaining("[a-zA-Z0-9._-]");
        assertThatThrownBy(() -> TopicNames.checkValid(""))
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> TopicNames.checkValid("..")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> TopicNames.checkValid("y".repeat(250)))
                .hasMessageContaining("250 characters")
                .hasMessageContaining("at most 249");
    }
}
