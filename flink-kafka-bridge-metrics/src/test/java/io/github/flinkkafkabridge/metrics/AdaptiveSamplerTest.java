package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveSamplerTest {

    private final ManualMetricsClock clock = new ManualMetricsClock(1_700_000_000_000L);
    private final AdaptiveSampler sampler = new AdaptiveSampler(clock);

    @Test
    void samplesEveryEventWhileEventsAreFartherApartThanTheTarget() {
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(1));
            assertThat(sampler.sampleNext()).isTrue();
        }
        assertThat(sampler.interval()).isEqualTo(1);
    }

    @Test
    void intervalDoublesWhileSamplesComeTooCloseAndHalvesWhenEventsSlowDown() {
        // A burst at one instant: the interval doubles at every sample, up to the maximum.
        List<Integer> sampled = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            if (sampler.sampleNext()) {
                sampled.add(i);
            }
        }
        assertThat(sampled).startsWith(0, 1, 3, 7, 15, 31);
        assertThat(sampler.interval()).isEqualTo(AdaptiveSampler.MAX_INTERVAL);

        // Then one event every 10 ms: each sample more than 2 ms after the last halves it.
        int samples = 0;
        int events = 0;
        while (sampler.interval() > 1) {
            clock.advance(Duration.ofMillis(10));
            events++;
            if (sampler.sampleNext()) {
                samples++;
            }
        }
        assertThat(samples).isEqualTo(Integer.numberOfTrailingZeros(AdaptiveSampler.MAX_INTERVAL));
        assertThat(events).isLessThan(2 * AdaptiveSampler.MAX_INTERVAL);
    }

    @Test
    void settlesAtAboutOneSampleEveryMillisecondAtAnyHighRate() {
        for (long nanosPerEvent : new long[] {100, 1_000, 10_000}) {
            AdaptiveSampler fresh = new AdaptiveSampler(clock);
            Duration step = Duration.ofNanos(nanosPerEvent);
            long eventsPerSecond = 1_000_000_000L / nanosPerEvent;
            // A second to settle, then count the samples of the next one.
            for (long i = 0; i < eventsPerSecond; i++) {
                clock.advance(step);
                fresh.sampleNext();
            }
            int samples = 0;
            for (long i = 0; i < eventsPerSecond; i++) {
                clock.advance(step);
                if (fresh.sampleNext()) {
                    samples++;
                }
            }
            // Samples stay 0.5 to 2 ms apart.
            assertThat(samples)
                    .as("samples in 1 s at %d ns/event", nanosPerEvent)
                    .isBetween(500, 2_000);
        }
    }

    @Test
    void sequenceNumbersAreSampledAboutOnceEveryIntervalWithAnyStride() {
        for (int stride : new int[] {1, 2, 3}) {
            for (int phase = 0; phase < stride; phase++) {
                AdaptiveSampler fresh = new AdaptiveSampler(clock);
                // A burst at one instant: the interval climbs to the maximum.
                long sequence = phase;
                while (fresh.interval() < AdaptiveSampler.MAX_INTERVAL) {
                    fresh.sampleSequence(sequence);
                    sequence += stride;
                }
                // Still at one instant, so the interval stays at the maximum: about one event in
                // MAX_INTERVAL is sampled, whatever the stride and phase of the numbers.
                int samples = 0;
                int events = 64 * AdaptiveSampler.MAX_INTERVAL;
                for (int i = 0; i < events; i++) {
                    if (fresh.sampleSequence(sequence)) {
                        samples++;
                    }
                    sequence += stride;
                }
                assertThat(samples).as("stride %d, phase %d", stride, phase).isBetween(32, 128);
            }
        }
    }

    @Test
    void spacedSequenceNumbersAreAllSampled() {
        for (long offset = 0; offset < 100; offset++) {
            clock.advance(Duration.ofMillis(5));
            assertThat(sampler.sampleSequence(2 * offset + 1)).isTrue();
        }
    }

    @Test
    void aBatchSamplesTheSameEventsAsSingleCalls() {
        AdaptiveSampler single = new AdaptiveSampler(clock);
        int[] sizes = {5, 16, 1, 40, 0, 17, 33, 300};
        List<Integer> byBatch = new ArrayList<>();
        List<Integer> bySingle = new ArrayList<>();
        int first = 0;
        for (int size : sizes) {
            int offset = first;
            sampler.sampleBatch(size, i -> byBatch.add(offset + i));
            for (int i = 0; i < size; i++) {
                if (single.sampleNext()) {
                    bySingle.add(offset + i);
                }
            }
            first += size;
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(byBatch).isNotEmpty().isEqualTo(bySingle);
    }
}
