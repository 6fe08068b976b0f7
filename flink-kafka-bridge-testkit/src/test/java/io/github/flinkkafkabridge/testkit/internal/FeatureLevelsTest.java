package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureLevelsTest {

    @Test
    void acceptsLevelsFromZeroToTheLargestShort() {
        FeatureLevels.check("transaction.version", 0);
        FeatureLevels.check("transaction.version", Short.MAX_VALUE);
    }

    @Test
    void rejectsBadNamesAndLevelsNamingThem() {
        assertThatThrownBy(() -> FeatureLevels.check(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("feature name");
        assertThatThrownBy(() -> FeatureLevels.check(" ", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> FeatureLevels.check("transaction.version", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Level -1 of feature 'transaction.version'")
                .hasMessageContaining("0 to 32767");
        assertThatThrownBy(() -> FeatureLevels.check("group.version", 40_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Level 40000 of feature 'group.version'");
    }

    @Test
    void formatterArgumentsInFeatureOrder() {
        Map<String, Integer> levels = new LinkedHashMap<>();
        levels.put("transaction.version", 0);
        levels.put("group.version", 1);

        assertThat(FeatureLevels.formatterArguments(levels))
                .containsExactly(
                        "--feature", "group.version=1", "--feature", "transaction.version=0");
        assertThat(FeatureLevels.formatterArguments(Map.of())).isEmpty();
    }

    @Test
    void anUnlistedFeatureIsAtLevelZero() {
        Map<String, Integer> finalized = Map.of("metadata.version", 27, "group.version", 1);

        assertThat(FeatureLevels.levelOf(finalized, "transaction.version")).isZero();
        assertThat(FeatureLevels.levelOf(finalized, "group.version")).isEqualTo(1);
    }

    @Test
    void mismatchesNameEachFeatureWithBothLevels() {
        Map<String, Integer> finalized = Map.of("transaction.version", 2, "group.version", 1);

        assertThat(
                        FeatureLevels.mismatches(
                                Map.of("transaction.version", 0, "group.version", 1), finalized))
                .containsExactly("transaction.version: requested 0, finalized 2");
        assertThat(FeatureLevels.mismatches(Map.of("share.version", 0), finalized)).isEmpty();
        assertThat(FeatureLevels.mismatches(Map.of("share.version", 1), finalized))
                .containsExactly("share.version: requested 1, finalized 0");
    }
}
