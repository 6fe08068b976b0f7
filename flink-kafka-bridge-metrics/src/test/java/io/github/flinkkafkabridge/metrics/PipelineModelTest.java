package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineModelTest {

    @Test
    void rateIsVolumeOverTime() {
        assertThat(PipelineModel.ratePerSecond(20_000, Duration.ofMillis(500))).isEqualTo(40_000);
        assertThat(PipelineModel.ratePerSecond(5, Duration.ZERO)).isZero();
    }

    @Test
    void timeLagIsBacklogOverRate() {
        assertThat(PipelineModel.timeLagSeconds(60_000, 20_000)).isEqualTo(3.0);
        assertThat(PipelineModel.timeLagSeconds(0, 0)).isZero();
        assertThat(PipelineModel.timeLagSeconds(10, 0)).isNaN();
    }

    @Test
    void littlesLawRelatesInFlightRateAndLatency() {
        double inFlight = PipelineModel.inFlight(5_000, 0.020);
        assertThat(inFlight).isCloseTo(100.0, within(1e-9));
        assertThat(PipelineModel.latencySeconds(inFlight, 5_000)).isCloseTo(0.020, within(1e-12));
        assertThat(PipelineModel.latencySeconds(3, 0)).isNaN();
    }
}
