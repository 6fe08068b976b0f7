package io.github.flinkkafkabridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void steadyRateLeavesOutTheSlowStartAndTail() {
        List<long[]> samples = new ArrayList<>();
        // 1,000 records in the first second (start-up), then 10,000 records/s, then a slow tail.
        samples.add(new long[] {0, 0});
        samples.add(new long[] {SECOND, 1_000});
        for (int i = 1; i <= 10; i++) {
            samples.add(new long[] {SECOND + i * SECOND / 10, 1_000 + i * 1_000L});
        }
        samples.add(new long[] {5 * SECOND, 11_000});

        assertThat(Progress.steadyRate(samples, 11_000)).isCloseTo(10_000, within(1.0));
    }

    @Test
    void fallsBackToFirstToLastWhenTheWindowHasTooFewSamples() {
        List<long[]> samples = List.of(new long[] {0, 0}, new long[] {2 * SECOND, 1_000});

        assertThat(Progress.steadyRate(samples, 1_000)).isCloseTo(500, within(0.001));
        assertThat(Progress.steadyRate(List.of(new long[] {0, 5}), 10)).isNaN();
    }

    @Test
    void writerThreadsAreTaskProducerAndRawProducerThreads() {
        assertThat(EndOffsetWatcher.isWriterThread("Source: Sequence Source -> payload (1/2)#0"))
                .isTrue();
        assertThat(EndOffsetWatcher.isWriterThread("kafka-producer-network-thread | w-0")).isTrue();
        assertThat(EndOffsetWatcher.isWriterThread("raw-producer-1")).isTrue();
        assertThat(EndOffsetWatcher.isWriterThread("data-plane-kafka-request-handler-0")).isFalse();
    }
}
