package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void remainingNeverExceedsTheTimeoutOrTheCap() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30));

        assertThat(deadline.hasTimeLeft()).isTrue();
        assertThat(deadline.remaining()).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(deadline.remainingAtMost(Duration.ofMillis(200)))
                .isEqualTo(Duration.ofMillis(200));
        assertThat(deadline.describeTimeout()).isEqualTo("30 s");
    }

    @Test
    void zeroTimeoutIsAlreadyOver() {
        Deadline deadline = Deadline.after(Duration.ZERO);

        assertThat(deadline.hasTimeLeft()).isFalse();
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        assertThat(deadline.remainingMillisForKafka()).isEqualTo(1);
    }

    @Test
    void describesSubSecondTimeoutsInMillis() {
        assertThat(Deadline.describe(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }

    @Test
    void rejectsNegativeTimeout() {
        assertThatThrownBy(() -> Deadline.after(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }
}
