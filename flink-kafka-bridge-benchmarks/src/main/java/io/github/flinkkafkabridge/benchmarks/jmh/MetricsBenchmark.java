package io.github.flinkkafkabridge.benchmarks.jmh;

import io.github.flinkkafkabridge.metrics.LatencyHistogram;
import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.SinkWriterMetrics;
import io.github.flinkkafkabridge.metrics.SourcePartitionMetrics;
import io.github.flinkkafkabridge.metrics.SourceReaderMetrics;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-record recording methods of the metrics model, with the system clock. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsBenchmark {

    private SourceReaderMetrics reader;
    private SourcePartitionMetrics partition;
    private SinkWriterMetrics writer;
    private LatencyHistogram histogram;
    private long offset;
    private long timestamp;

    @Setup
    public void setUp() {
        reader =
                SourceReaderMetrics.register(
                        UnregisteredMetricsGroup.createSourceReaderMetricGroup(),
                        MetricsClock.system());
        partition = reader.partition("bench", 0);
        partition.assigned(0, Long.MAX_VALUE);
        writer =
                SinkWriterMetrics.register(
                        UnregisteredMetricsGroup.createSinkWriterMetricGroup(),
                        MetricsClock.system());
        histogram = new LatencyHistogram(MetricsClock.system());
        timestamp = System.currentTimeMillis();
    }

    /** What the emitter calls per record. */
    @Benchmark
    public void sourceRecordEmitted() {
        partition.recordEmitted(offset++, timestamp, 100);
    }

    /** What the fetcher calls per fetched record. */
    @Benchmark
    public void sourceRecordFetched() {
        reader.recordFetched(timestamp + 5, timestamp);
    }

    /** What the sink writer calls per record: on send and on acknowledgement. */
    @Benchmark
    public void sinkSendAndAcknowledge() {
        long ticket = writer.onSend(100);
        writer.onAcknowledged(ticket, 100, timestamp);
    }

    /** One histogram update (the sampled path). */
    @Benchmark
    public void latencyHistogramUpdate() {
        histogram.update(++offset & 1023);
    }
}
