package io.github.flinkkafkabridge.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.metrics.ManualMetricsClock;
import io.github.flinkkafkabridge.metrics.SourceReaderMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.RecordDeserializationException;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The source's metrics wiring: the split reader over a {@link MockConsumer} and the emitter feed
 * {@link SourceReaderMetrics}, asserted by name through Flink's {@link MetricListener}.
 */
class KafkaReaderMetricsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final String[] SOURCE = {"KafkaBridgeSource"};
    private static final String[] PARTITION = {
        "KafkaBridgeSource", "topic", "orders", "partition", "0"
    };

    private final MetricListener listener = new MetricListener();
    private final ManualMetricsClock clock = new ManualMetricsClock(T0);
    private final KafkaReaderMetrics metrics =
            new KafkaReaderMetrics(
                    SourceReaderMetrics.register(
                            InternalSourceReaderMetricGroup.mock(listener.getMetricGroup()),
                            clock));
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final KafkaPartitionSplitReader splitReader =
            new KafkaPartitionSplitReader(
                    consumer,
                    "localhost:9092",
                    Duration.ofMillis(10),
                    Duration.ofSeconds(1),
                    metrics);
    private final List<String> output = new ArrayList<>();

    private static ConsumerRecord<byte[], byte[]> record(long offset, long timestamp) {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] value = ("value-" + offset).getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(
                TP.topic(),
                TP.partition(),
                offset,
                timestamp,
                TimestampType.CREATE_TIME,
                key.length,
                value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    private static String[] path(String[] group, String name) {
        String[] path = java.util.Arrays.copyOf(group, group.length + 1);
        path[group.length] = name;
        return path;
    }

    private Object gauge(String[] group, String name) {
        Optional<Gauge<Object>> gauge = listener.getGauge(path(group, name));
        assertThat(gauge).as("gauge %s", String.join(".", path(group, name))).isPresent();
        return gauge.get().getValue();
    }

    private long counter(String... path) {
        return listener.getCounter(path).orElseThrow().getCount();
    }

    /** Assigns the split as the reader does: state on the task thread, seek on the fetcher. */
    private KafkaPartitionSplitState assign(KafkaPartitionSplit split) {
        metrics.onSplitAssigned(split);
        splitReader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        return new KafkaPartitionSplitState(split);
    }

    private void emitAll(
            RecordsWithSplitIds<ConsumerRecord<byte[], byte[]>> fetch,
            KafkaRecordEmitter<String> emitter,
            KafkaPartitionSplitState state)
            throws Exception {
        while (fetch.nextSplit() != null) {
            ConsumerRecord<byte[], byte[]> record;
            while ((record = fetch.nextRecordFromSplit()) != null) {
                emitter.emitRecord(record, new ListOutput(output), state);
            }
        }
    }

    @Test
    void pollAndEmitReportCountsPositionLogEndBacklogAndTimeLag() throws Exception {
        KafkaPartitionSplitState state =
                assign(new KafkaPartitionSplit(TP, 0, KafkaPartitionSplit.NO_STOPPING_OFFSET));
        consumer.updateEndOffsets(Map.of(TP, 1_000L));
        for (int i = 0; i < 100; i++) {
            consumer.addRecord(record(i, T0 - 5_000 + i));
        }
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values(), metrics);

        emitAll(splitReader.fetch(), emitter, state);

        assertThat(output).hasSize(100);
        assertThat(counter(path(SOURCE, "recordsRead"))).isEqualTo(100);
        long bytes = 0;
        for (int i = 0; i < 100; i++) {
            bytes += 1 + ("value-" + i).length();
        }
        assertThat(counter(path(SOURCE, "bytesRead"))).isEqualTo(bytes);
        assertThat(gauge(PARTITION, "currentOffset")).isEqualTo(100L);
        assertThat(gauge(PARTITION, "logEndOffset")).isEqualTo(1_000L);
        assertThat(gauge(PARTITION, "backlogRecords")).isEqualTo(900L);
        assertThat(gauge(SOURCE, "backlogRecords")).isEqualTo(900L);
        assertThat(listener.getGauge("pendingRecords").orElseThrow().getValue()).isEqualTo(900L);
        // The last record read was written at T0 - 4901 ms.
        assertThat((Double) gauge(PARTITION, "timeLagSeconds")).isCloseTo(4.901, within(1e-9));
        // All records arrive at one instant of the test clock, so the samplers thin out at once:
        // the fetch side counts records down (0, 1, 3, 7, 15, 31, 63 sampled), the emit side
        // picks offsets by a hash (8 of them, the last one offset 89).
        assertThat(listener.getHistogram(path(SOURCE, "fetchLag")).orElseThrow().getCount())
                .isEqualTo(7);
        assertThat(listener.getHistogram(path(SOURCE, "emitLag")).orElseThrow().getCount())
                .isEqualTo(8);
        assertThat(gauge(SOURCE, "currentEmitLag")).isEqualTo(5_000L - 89);
    }

    @Test
    void aBusyFetcherRefreshesPositionsAndLogEndsAtMostEveryFiftyMilliseconds() throws Exception {
        KafkaPartitionSplitState state =
                assign(new KafkaPartitionSplit(TP, 0, KafkaPartitionSplit.NO_STOPPING_OFFSET));
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values(), metrics);
        consumer.updateEndOffsets(Map.of(TP, 1_000L));
        consumer.addRecord(record(0, T0));
        emitAll(splitReader.fetch(), emitter, state);
        assertThat(gauge(PARTITION, "logEndOffset")).isEqualTo(1_000L);

        // A poll 10 ms later sees a new log end, but the gauge keeps the last refresh.
        clock.advanceMillis(10);
        consumer.updateEndOffsets(Map.of(TP, 2_000L));
        consumer.addRecord(record(1, T0));
        emitAll(splitReader.fetch(), emitter, state);
        assertThat(gauge(PARTITION, "logEndOffset")).isEqualTo(1_000L);
        // The records read are counted at once all the same.
        assertThat(counter(path(SOURCE, "recordsRead"))).isEqualTo(2);

        clock.advanceMillis(KafkaReaderMetrics.POSITION_REFRESH_MILLIS);
        consumer.addRecord(record(2, T0));
        emitAll(splitReader.fetch(), emitter, state);
        assertThat(gauge(PARTITION, "logEndOffset")).isEqualTo(2_000L);
        assertThat(gauge(PARTITION, "backlogRecords")).isEqualTo(2_000L - 3);
    }

    @Test
    void aFinishedBoundedSplitHasNoBacklog() throws Exception {
        KafkaPartitionSplit split = new KafkaPartitionSplit(TP, 0, 10);
        KafkaPartitionSplitState state = assign(split);
        consumer.updateEndOffsets(Map.of(TP, 500L));
        for (int i = 0; i < 5; i++) {
            consumer.addRecord(record(i, T0));
        }
        emitAll(
                splitReader.fetch(),
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values(), metrics),
                state);
        // Backlog up to the stopping offset, not the log end.
        assertThat(gauge(PARTITION, "backlogRecords")).isEqualTo(5L);
        metrics.onSplitFinished(split);
        assertThat(gauge(PARTITION, "backlogRecords")).isEqualTo(0L);
    }

    @Test
    void aRecordThatCannotBeDeserializedCountsAsAnError() {
        KafkaPartitionSplitState state =
                assign(new KafkaPartitionSplit(TP, 0, KafkaPartitionSplit.NO_STOPPING_OFFSET));
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(
                        new KafkaRecordDeserializer<String>() {
                            @Override
                            public void deserialize(
                                    ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
                                throw new IllegalStateException("bad bytes");
                            }

                            @Override
                            public TypeInformation<String> getProducedType() {
                                return Types.STRING;
                            }
                        },
                        metrics);

        assertThatThrownBy(() -> emitter.emitRecord(record(0, T0), new ListOutput(output), state))
                .isInstanceOf(RecordDeserializationException.class);
        assertThat(counter("numRecordsInErrors")).isEqualTo(1);
        assertThat(counter(path(SOURCE, "recordsRead"))).isZero();
    }

    @Test
    void withMetricsOffTheSplitReaderAndEmitterReadAsBefore() throws Exception {
        KafkaPartitionSplitReader plain =
                new KafkaPartitionSplitReader(
                        consumer, "localhost:9092", Duration.ofMillis(10), Duration.ofSeconds(1));
        KafkaPartitionSplit split =
                new KafkaPartitionSplit(TP, 0, KafkaPartitionSplit.NO_STOPPING_OFFSET);
        plain.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        consumer.addRecord(record(0, T0));
        KafkaPartitionSplitState state = new KafkaPartitionSplitState(split);
        emitAll(
                plain.fetch(),
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values()),
                state);
        assertThat(output).containsExactly("value-0");
        assertThat(state.nextOffset()).isEqualTo(1);
        assertThat(counter(path(SOURCE, "recordsRead"))).isZero();
    }

    @Test
    void theSwitchDecidesWhetherAReaderRegistersTheMetrics() throws Exception {
        for (boolean enabled : new boolean[] {true, false}) {
            MetricListener readerListener = new MetricListener();
            KafkaSourceReader<String> reader =
                    KafkaSourceReader.create(
                            new TestingReaderContext(
                                    new Configuration(),
                                    InternalSourceReaderMetricGroup.mock(
                                            readerListener.getMetricGroup())),
                            () -> new MockConsumer<>("earliest"),
                            "localhost:9092",
                            KafkaRecordDeserializer.utf8Values(),
                            Duration.ofMillis(10),
                            Duration.ofSeconds(1),
                            null,
                            false,
                            enabled,
                            BadRecordPolicy.fail(),
                            null);
            try {
                assertThat(readerListener.getCounter(path(SOURCE, "recordsRead")).isPresent())
                        .as("recordsRead registered with metrics %s", enabled ? "on" : "off")
                        .isEqualTo(enabled);
                assertThat(readerListener.getGauge(path(PARTITION, "backlogRecords"))).isEmpty();
                assertThat(readerListener.getCounter(path(SOURCE, "commitsSucceeded"))).isPresent();
            } finally {
                reader.close();
            }
        }
    }

    /** Collects elements as strings. */
    private static final class ListOutput implements SourceOutput<String> {
        private final List<String> elements;

        ListOutput(List<String> elements) {
            this.elements = elements;
        }

        @Override
        public void collect(String element) {
            elements.add(element);
        }

        @Override
        public void collect(String element, long timestamp) {
            elements.add(element);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
