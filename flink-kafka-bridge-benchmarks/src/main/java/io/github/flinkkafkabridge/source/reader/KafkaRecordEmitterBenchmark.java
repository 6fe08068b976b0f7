package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.benchmarks.BenchEvent;
import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.SourceReaderMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code KafkaRecordEmitter.emitRecord} for one 100-byte record with byte or UTF-8 values, metrics
 * on and off: the per-record cost the source adds on the task thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KafkaRecordEmitterBenchmark {

    @Param({"bytes", "utf8"})
    public String values;

    @Param({"true", "false"})
    public boolean metrics;

    private KafkaRecordEmitter<Object> emitter;
    private KafkaPartitionSplitState split;
    private ConsumerRecord<byte[], byte[]> record;
    private SourceOutput<Object> output;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(Blackhole blackhole) {
        TopicPartition tp = new TopicPartition("bench", 0);
        KafkaRecordDeserializer<?> deserializer =
                values.equals("bytes")
                        ? KafkaRecordDeserializer.byteValues()
                        : KafkaRecordDeserializer.utf8Values();
        KafkaReaderMetrics readerMetrics =
                metrics
                        ? new KafkaReaderMetrics(
                                SourceReaderMetrics.register(
                                        UnregisteredMetricsGroup.createSourceReaderMetricGroup(),
                                        MetricsClock.system()))
                        : null;
        emitter =
                new KafkaRecordEmitter<>(
                        (KafkaRecordDeserializer<Object>) deserializer, readerMetrics);
        split =
                new KafkaPartitionSplitState(
                        new KafkaPartitionSplit(tp, 0, KafkaPartitionSplit.NO_STOPPING_OFFSET));
        if (readerMetrics != null) {
            readerMetrics.onSplitAssigned(split.split());
        }
        record =
                new ConsumerRecord<>(
                        "bench", 0, 42L, null, BenchEvent.json(42, System.currentTimeMillis()));
        output = new BlackholeOutput(blackhole);
    }

    @Benchmark
    public void emitRecord() throws Exception {
        emitter.emitRecord(record, output, split);
    }

    private static final class BlackholeOutput implements SourceOutput<Object> {
        private final Blackhole blackhole;

        BlackholeOutput(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void collect(Object record) {
            blackhole.consume(record);
        }

        @Override
        public void collect(Object record, long timestamp) {
            blackhole.consume(record);
            blackhole.consume(timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
