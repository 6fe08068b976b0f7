package io.github.flinkkafkabridge.benchmarks.jmh;

import io.github.flinkkafkabridge.benchmarks.BenchEvent;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The bridge's built-in deserializers on one 100-byte record: byte values, UTF-8 values, and a
 * Flink {@code SimpleStringSchema} through {@link KafkaRecordDeserializer#valueOnly} for
 * comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeserializerBenchmark {

    private final KafkaRecordDeserializer<byte[]> bytes = KafkaRecordDeserializer.byteValues();
    private final KafkaRecordDeserializer<String> utf8 = KafkaRecordDeserializer.utf8Values();
    private KafkaRecordDeserializer<String> valueOnlyString;
    private ConsumerRecord<byte[], byte[]> record;
    private BlackholeCollector<Object> out;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        record =
                new ConsumerRecord<>(
                        "bench", 0, 42L, null, BenchEvent.json(42, 1_700_000_000_000L));
        out = new BlackholeCollector<>(blackhole);
        DeserializationSchema<String> schema = new SimpleStringSchema();
        valueOnlyString = KafkaRecordDeserializer.valueOnly(schema);
        bytes.open(null);
        utf8.open(null);
        valueOnlyString.open(null);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public void byteValues() throws Exception {
        bytes.deserialize(record, (BlackholeCollector<byte[]>) (BlackholeCollector<?>) out);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public void utf8Values() throws Exception {
        utf8.deserialize(record, (BlackholeCollector<String>) (BlackholeCollector<?>) out);
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public void valueOnlySimpleStringSchema() throws Exception {
        valueOnlyString.deserialize(
                record, (BlackholeCollector<String>) (BlackholeCollector<?>) out);
    }
}
