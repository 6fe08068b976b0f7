package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.metrics.OffsetTimeline.Estimate;
import io.github.flinkkafkabridge.metrics.OffsetTimeline.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffsetTimelineTest {

    private final OffsetTimeline timeline =
            OffsetTimeline.of(
                    List.of(
                            new Point(10_000, 1_000),
                            new Point(0, 0),
                            new Point(30_000, 1_500),
                            new Point(20_000, 1_500)));

    @Test
    void interpolatesBetweenPoints() {
        assertThat(timeline.estimate(500).timestampMillis()).isCloseTo(5_000, within(1e-9));
        assertThat(timeline.estimate(1_250).timestampMillis()).isCloseTo(15_000, within(1e-9));
        assertThat(timeline.estimate(1_000).timestampMillis()).isCloseTo(10_000, within(1e-9));
    }

    @Test
    void keepsTheEarliestTimestampOfAnOffsetAndDropsBackwardsPoints() {
        assertThat(timeline.points())
                .containsExactly(
                        new Point(0, 0), new Point(10_000, 1_000), new Point(20_000, 1_500));
        OffsetTimeline skewed =
                OffsetTimeline.of(
                        List.of(new Point(0, 0), new Point(9_000, 10), new Point(5_000, 20)));
        assertThat(skewed.points()).containsExactly(new Point(0, 0), new Point(9_000, 10));
    }

    @Test
    void outsideTheTimeline() {
        OffsetTimeline later =
                OffsetTimeline.of(List.of(new Point(50_000, 100), new Point(60_000, 200)));
        Estimate before = later.estimate(10);
        assertThat(before.olderThanTimeline()).isTrue();
        assertThat(before.ageSeconds(70_000)).isEqualTo(20.0);
        assertThat(later.estimate(500).timestampMillis()).isEqualTo(60_000);
        assertThat(later.estimate(150).ageSeconds(40_000)).isZero();
    }

    @Test
    void anEmptyTimelineCannotEstimate() {
        assertThatThrownBy(() -> OffsetTimeline.of(List.of()).estimate(3))
                .hasMessageContaining("offset 3");
    }
}
