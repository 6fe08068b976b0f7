package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceReaderMetricsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String P0 = "KafkaBridgeSource.topic.orders.partition.0.";

    private final ManualMetricsClock clock = new ManualMetricsClock(T0);
    private final TestMetricGroup.SourceReaderGroup group = new TestMetricGroup.SourceReaderGroup();
    private final SourceReaderMetrics metrics = SourceReaderMetrics.register(group, clock);

    /** Emits {@code count} records of {@code bytes} each from {@code partition}. */
    private static void emit(
            SourcePartitionMetrics partition, long firstOffset, int count, int bytes, long ts) {
        for (int i = 0; i < count; i++) {
            partition.recordEmitted(firstOffset + i, ts, bytes);
        }
    }

    @Test
    void registersEverySourceMetricByItsDeclaredName() {
        metrics.partition("orders", 0);
        for (KafkaBridgeMetric metric : KafkaBridgeMetric.values()) {
            String name =
                    switch (metric.scope()) {
                        case SOURCE -> metric.qualifiedName();
                        case SOURCE_OPERATOR -> metric.metricName();
                        case SOURCE_PARTITION -> P0 + metric.metricName();
                        case SINK, SINK_COMMITTER -> null;
                    };
            boolean registeredByTheReader =
                    metric != KafkaBridgeMetric.COMMITS_SUCCEEDED
                            && metric != KafkaBridgeMetric.COMMITS_FAILED;
            if (name != null && registeredByTheReader) {
                assertThat(group.registry).containsKey(name);
            }
        }
        assertThat(group.registry.keySet()).allMatch(k -> !k.startsWith(Scope.SINK.groupPath()));
    }

    @Test
    void readRateAndTotalsSumThePartitions() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        SourcePartitionMetrics p1 = metrics.partition("orders", 1);
        p0.assigned(0, Long.MAX_VALUE);
        p1.assigned(0, Long.MAX_VALUE);
        for (int second = 0; second < 20; second++) {
            emit(p0, second * 3_000L, 3_000, 100, T0);
            emit(p1, second * 1_000L, 1_000, 100, T0);
            clock.advance(Duration.ofSeconds(1));
            group.updateViews();
        }
        assertThat(group.count("KafkaBridgeSource.recordsRead")).isEqualTo(80_000);
        assertThat(group.count("KafkaBridgeSource.bytesRead")).isEqualTo(8_000_000);
        assertThat(group.count(P0 + "recordsRead")).isEqualTo(60_000);
        assertThat(group.doubleGauge("KafkaBridgeSource.recordsReadPerSecond"))
                .isCloseTo(4_000.0, within(1e-6));
        assertThat(group.doubleGauge("KafkaBridgeSource.bytesReadPerSecond"))
                .isCloseTo(400_000.0, within(1e-6));
        assertThat(group.doubleGauge(P0 + "recordsReadPerSecond")).isCloseTo(3_000.0, within(1e-6));
    }

    @Test
    void backlogIsLogEndMinusPositionAndItsBytesUseTheAverageSize() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(100, Long.MAX_VALUE);
        assertThat(group.longGauge(P0 + "backlogRecords")).isZero(); // log end unknown
        p0.fetchPosition(100);
        p0.consumerLag(900); // log end 1000
        emit(p0, 100, 50, 200, T0);
        assertThat(group.longGauge(P0 + "currentOffset")).isEqualTo(150);
        assertThat(group.longGauge(P0 + "logEndOffset")).isEqualTo(1_000);
        assertThat(group.longGauge(P0 + "backlogRecords")).isEqualTo(850);
        assertThat(group.longGauge(P0 + "backlogBytes")).isEqualTo(170_000);
        assertThat(group.longGauge("KafkaBridgeSource.backlogRecords")).isEqualTo(850);
        assertThat(group.longGauge("pendingRecords")).isEqualTo(850);
        assertThat(group.longGauge("pendingBytes")).isEqualTo(170_000);
    }

    @Test
    void backlogOfABoundedPartitionEndsAtTheStoppingOffsetAndFinishedHasNone() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(0, 300);
        p0.fetchPosition(0);
        p0.consumerLag(1_000);
        assertThat(p0.backlogRecords()).isEqualTo(300);
        emit(p0, 0, 300, 10, T0);
        assertThat(p0.backlogRecords()).isZero();
        p0.assigned(0, Long.MAX_VALUE);
        p0.finished();
        assertThat(p0.backlogRecords()).isZero();
    }

    @Test
    void timeLagFromTimestampsIsTheAgeOfTheRecordBeingRead() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(0, Long.MAX_VALUE);
        p0.fetchPosition(0);
        p0.consumerLag(10_000);
        assertThat(p0.timeLagSeconds()).isNaN(); // backlog, but no timestamp seen
        emit(p0, 0, 10, 100, T0 - 60_000);
        // Record 10, written 50 s ago, is the last one read.
        p0.recordEmitted(10, T0 - 50_000, 100);
        clock.advance(Duration.ofSeconds(7));
        assertThat(group.doubleGauge(P0 + "timeLagSeconds")).isCloseTo(57.0, within(1e-9));
        assertThat(group.doubleGauge("KafkaBridgeSource.timeLagSeconds"))
                .isCloseTo(57.0, within(1e-9));
        // Caught up: no lag, however old the last record is.
        p0.recordEmitted(9_999, T0 - 40_000, 100);
        assertThat(p0.timeLagSeconds()).isZero();
    }

    @Test
    void catchUpTimeIsBacklogOverReadRateByLittlesLaw() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(0, Long.MAX_VALUE);
        p0.fetchPosition(0);
        p0.consumerLag(100_000);
        long offset = 0;
        for (int second = 0; second < 10; second++) {
            emit(p0, offset, 2_000, 100, T0);
            offset += 2_000;
            clock.advance(Duration.ofSeconds(1));
            group.updateViews();
        }
        // 80,000 left at 2,000/s.
        assertThat(group.doubleGauge(P0 + "catchUpTimeSeconds")).isCloseTo(40.0, within(1e-9));
        assertThat(group.doubleGauge("KafkaBridgeSource.catchUpTimeSeconds"))
                .isCloseTo(40.0, within(1e-9));
        // Nothing read for a whole window: unknown.
        clock.advance(Duration.ofSeconds(11));
        assertThat(p0.catchUpTimeSeconds()).isNaN();
    }

    @Test
    void lagHistogramsTakeEveryRecordWhileRecordsComeSlowly() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(0, Long.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            // 200 records/s
            clock.advance(Duration.ofMillis(5));
            long now = clock.currentTimeMillis();
            metrics.recordFetched(now, now - 250);
            emit(p0, i, 1, 10, now - 300);
        }
        assertThat(group.histogram("KafkaBridgeSource.fetchLag").getCount()).isEqualTo(100);
        assertThat(group.histogram("KafkaBridgeSource.emitLag").getCount()).isEqualTo(100);
        assertThat(group.histogram("KafkaBridgeSource.fetchLag").getStatistics().getQuantile(0.99))
                .isCloseTo(250, within(2.5));
        assertThat(group.longGauge("KafkaBridgeSource.currentFetchLag")).isEqualTo(250);
        assertThat(group.longGauge("KafkaBridgeSource.currentEmitLag")).isEqualTo(300);
    }

    @Test
    void lagHistogramsTakeAboutOneRecordPerMillisecondAtHighRates() {
        SourcePartitionMetrics p0 = metrics.partition("orders", 0);
        p0.assigned(0, Long.MAX_VALUE);
        // One second at 1,000,000 records/s.
        for (int i = 0; i < 1_000_000; i++) {
            clock.advance(Duration.ofNanos(1_000));
            long now = clock.currentTimeMillis();
            metrics.recordFetched(now, now - 250);
            p0.recordEmitted(i, now - 300, 10);
        }
        // Samples settle 0.5 to 2 ms apart: 500 to 2,000 in one second, plus the ramp-up.
        assertThat(metrics.fetchLag().getCount()).isBetween(500L, 2_100L);
        assertThat(metrics.emitLag().getCount()).isBetween(500L, 2_100L);
        assertThat(metrics.fetchLag().getStatistics().getQuantile(0.5)).isCloseTo(250, within(2.5));
        assertThat(metrics.emitLag().getStatistics().getQuantile(0.5)).isCloseTo(300, within(3.0));
        assertThat(p0.recordsRead()).isEqualTo(1_000_000);
    }

    @Test
    void batchesSampleTheSameRecordsAsSingleCalls() {
        // Batches of uneven sizes: the sampling countdown carries across them.
        int[] sizes = {5, 16, 1, 40, 0, 17, 33};
        SourceReaderMetrics single =
                SourceReaderMetrics.register(new TestMetricGroup.SourceReaderGroup(), clock);
        java.util.List<Long> sampledByBatch = new java.util.ArrayList<>();
        long index = 0;
        for (int size : sizes) {
            long first = index;
            metrics.recordFetched(
                    T0,
                    size,
                    i -> {
                        sampledByBatch.add(first + i);
                        return T0 - (first + i);
                    });
            for (int i = 0; i < size; i++) {
                single.recordFetched(T0, T0 - (first + i));
            }
            index += size;
        }
        // One instant of the test clock: the sampling interval doubles at every sample.
        assertThat(sampledByBatch).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L);
        assertThat(metrics.fetchLag().getCount()).isEqualTo(single.fetchLag().getCount());
        assertThat(metrics.fetchLag().getStatistics().getMax())
                .isEqualTo(single.fetchLag().getStatistics().getMax());
    }

    @Test
    void recordsWithoutTimestampAreNotSampled() {
        for (int i = 0; i < 64; i++) {
            metrics.recordFetched(T0, -1);
        }
        assertThat(metrics.fetchLag().getCount()).isZero();
    }

    @Test
    void errorSkipAndDeadLetterCounters() {
        metrics.recordError();
        metrics.recordSkipped();
        metrics.recordSkipped();
        metrics.recordDeadLettered();
        assertThat(group.count("numRecordsInErrors")).isEqualTo(1);
        assertThat(group.count("KafkaBridgeSource.recordsSkipped")).isEqualTo(2);
        assertThat(group.count("KafkaBridgeSource.recordsDeadLettered")).isEqualTo(1);
    }

    @Test
    void aPartitionIsRegisteredOnce() {
        assertThat(metrics.partition("orders", 3)).isSameAs(metrics.partition("orders", 3));
        assertThat(metrics.partitions()).hasSize(1);
        assertThat(metrics.partition("orders", 3)).hasToString("orders-3");
    }
}
