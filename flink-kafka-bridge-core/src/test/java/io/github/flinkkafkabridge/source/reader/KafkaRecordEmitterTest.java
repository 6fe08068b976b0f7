package io.github.flinkkafkabridge.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.RecordDeserializationException;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaRecordEmitterTest {

    private static final TopicPartition TP = new TopicPartition("orders", 2);

    private final KafkaPartitionSplitState state =
            new KafkaPartitionSplitState(
                    new KafkaPartitionSplit(TP, 10, KafkaPartitionSplit.NO_STOPPING_OFFSET));
    private final RecordingOutput<String> output = new RecordingOutput<>();

    private static ConsumerRecord<byte[], byte[]> record(
            long offset, long timestamp, byte[] key, byte[] value) {
        return new ConsumerRecord<>(
                TP.topic(),
                TP.partition(),
                offset,
                timestamp,
                timestamp == ConsumerRecord.NO_TIMESTAMP
                        ? TimestampType.NO_TIMESTAMP_TYPE
                        : TimestampType.CREATE_TIME,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    private static ConsumerRecord<byte[], byte[]> record(
            long offset, long timestamp, String value) {
        return record(offset, timestamp, null, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void elementIsEmittedWithTheRecordTimestampAndThePositionMovesPastTheRecord() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        emitter.emitRecord(record(10, 1_700_000_000_000L, "a"), output, state);

        assertThat(output.elements).containsExactly("a@1700000000000");
        assertThat(state.nextOffset()).isEqualTo(11);
    }

    @Test
    void recordWithoutTimestampIsEmittedWithoutOne() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        emitter.emitRecord(record(12, ConsumerRecord.NO_TIMESTAMP, "b"), output, state);

        assertThat(output.elements).containsExactly("b@none");
        assertThat(state.nextOffset()).isEqualTo(13);
    }

    @Test
    void timestampZeroIsAValidTimestamp() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        emitter.emitRecord(record(10, 0, "epoch"), output, state);

        assertThat(output.elements).containsExactly("epoch@0");
    }

    @Test
    void deserializerMayEmitNothing() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        emitter.emitRecord(record(10, 5, null, null), output, state);

        assertThat(output.elements).isEmpty();
        assertThat(state.nextOffset()).isEqualTo(11);
    }

    @Test
    void deserializerMayEmitSeveralElementsAllWithTheRecordTimestamp() throws Exception {
        KafkaRecordEmitter<String> emitter = new KafkaRecordEmitter<>(new Splitting());

        emitter.emitRecord(record(20, 77, "x,y,z"), output, state);

        assertThat(output.elements).containsExactly("x@77", "y@77", "z@77");
        assertThat(state.nextOffset()).isEqualTo(21);
    }

    @Test
    void eachRecordUsesItsOwnTimestampAndOutput() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());
        RecordingOutput<String> other = new RecordingOutput<>();

        emitter.emitRecord(record(10, 1, "a"), output, state);
        emitter.emitRecord(record(11, ConsumerRecord.NO_TIMESTAMP, "b"), other, state);
        emitter.emitRecord(record(12, 3, "c"), output, state);

        assertThat(output.elements).containsExactly("a@1", "c@3");
        assertThat(other.elements).containsExactly("b@none");
        assertThat(state.nextOffset()).isEqualTo(13);
    }

    @Test
    void deserializerFailureNamesTheRecordAndKeepsThePosition() {
        IOException cause = new IOException("unknown schema id 7");
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(
                        new Failing() {
                            @Override
                            public void deserialize(
                                    ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                                    throws IOException {
                                throw cause;
                            }
                        });

        Throwable thrown =
                catchThrowable(
                        () ->
                                emitter.emitRecord(
                                        record(15, 9, new byte[3], new byte[5]), output, state));

        assertThat(thrown)
                .isInstanceOf(RecordDeserializationException.class)
                .hasCause(cause)
                .hasMessageContaining("orders-2")
                .hasMessageContaining("offset 15")
                .hasMessageContaining("key 3 bytes")
                .hasMessageContaining("value 5 bytes")
                .hasMessageContaining("unknown schema id 7");
        RecordDeserializationException e = (RecordDeserializationException) thrown;
        assertThat(e.topic()).isEqualTo("orders");
        assertThat(e.partition()).isEqualTo(2);
        assertThat(e.offset()).isEqualTo(15);
        assertThat(state.nextOffset()).isEqualTo(10);
    }

    @Test
    void runtimeExceptionOfTheDeserializerIsWrappedToo() {
        KafkaRecordEmitter<String> emitter = new KafkaRecordEmitter<>(new Failing());

        Throwable thrown =
                catchThrowable(() -> emitter.emitRecord(record(16, 9, "v"), output, state));

        assertThat(thrown)
                .isInstanceOf(RecordDeserializationException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("offset 16")
                .hasMessageContaining("key null");
        assertThat(state.nextOffset()).isEqualTo(10);
    }

    @Test
    void downstreamFailurePropagatesUnwrapped() {
        RuntimeException downstream = new IllegalStateException("window operator failed");
        SourceOutput<String> failingOutput =
                new RecordingOutput<>() {
                    @Override
                    public void collect(String record, long timestamp) {
                        throw downstream;
                    }
                };
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        Throwable thrown =
                catchThrowable(() -> emitter.emitRecord(record(10, 1, "a"), failingOutput, state));

        assertThat(thrown).isSameAs(downstream);
        assertThat(state.nextOffset()).isEqualTo(10);
    }

    @Test
    void downstreamFailureWithoutTimestampPropagatesUnwrapped() {
        RuntimeException downstream = new RuntimeException("sink failed");
        SourceOutput<String> failingOutput =
                new RecordingOutput<>() {
                    @Override
                    public void collect(String record) {
                        throw downstream;
                    }
                };
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());

        Throwable thrown =
                catchThrowable(
                        () ->
                                emitter.emitRecord(
                                        record(10, ConsumerRecord.NO_TIMESTAMP, "a"),
                                        failingOutput,
                                        state));

        assertThat(thrown).isSameAs(downstream);
    }

    @Test
    void downstreamFailureThroughAValueOnlySchemaPropagatesUnwrapped() {
        RuntimeException downstream = new IllegalArgumentException("downstream");
        SourceOutput<String> failingOutput =
                new RecordingOutput<>() {
                    @Override
                    public void collect(String record, long timestamp) {
                        throw downstream;
                    }
                };
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(
                        KafkaRecordDeserializer.valueOnly(
                                new org.apache.flink.api.common.serialization
                                        .SimpleStringSchema()));

        assertThat(
                        catchThrowable(
                                () -> emitter.emitRecord(record(10, 1, "a"), failingOutput, state)))
                .isSameAs(downstream);
    }

    @Test
    void emitterIsUsableAfterAFailure() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(KafkaRecordDeserializer.utf8Values());
        SourceOutput<String> failingOutput =
                new RecordingOutput<>() {
                    @Override
                    public void collect(String record, long timestamp) {
                        throw new IllegalStateException();
                    }
                };
        catchThrowable(() -> emitter.emitRecord(record(10, 1, "a"), failingOutput, state));

        emitter.emitRecord(record(10, 2, "a"), output, state);

        assertThat(output.elements).containsExactly("a@2");
        assertThat(state.nextOffset()).isEqualTo(11);
    }

    /** Records every element as {@code element@timestamp} or {@code element@none}. */
    /** Emits every comma-separated part, then rejects the record when it contains "bad". */
    private static final class PartlyFailing implements KafkaRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                throws IOException {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            for (String part : value.split(",")) {
                out.collect(part);
            }
            if (value.contains("bad")) {
                throw new IOException("bad part");
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    @Test
    void withSkipABadRecordEmitsNothingOfItAndThePositionMovesOn() throws Exception {
        KafkaRecordEmitter<String> emitter =
                new KafkaRecordEmitter<>(
                        new PartlyFailing(),
                        null,
                        new BadRecordHandler(
                                io.github.flinkkafkabridge.error.BadRecordPolicy.skip(),
                                null,
                                null,
                                System::nanoTime));

        emitter.emitRecord(record(10, 5, "a,b"), output, state);
        emitter.emitRecord(record(11, 6, "c,bad"), output, state);
        emitter.emitRecord(record(12, 7, "d"), output, state);

        assertThat(output.elements).containsExactly("a@5", "b@5", "d@7");
        assertThat(state.nextOffset()).isEqualTo(13);
    }

    @Test
    void withFailTheBadRecordFailsAndThePositionStaysBeforeIt() throws Exception {
        KafkaRecordEmitter<String> emitter = new KafkaRecordEmitter<>(new PartlyFailing());

        emitter.emitRecord(record(10, 5, "a"), output, state);
        Throwable thrown =
                catchThrowable(() -> emitter.emitRecord(record(11, 6, "bad"), output, state));

        assertThat(thrown)
                .isInstanceOf(RecordDeserializationException.class)
                .hasMessageContaining("orders-2 at offset 11");
        assertThat(state.nextOffset()).isEqualTo(11);
    }

    private static class RecordingOutput<T> implements SourceOutput<T> {
        final List<String> elements = new ArrayList<>();

        @Override
        public void collect(T record) {
            elements.add(record + "@none");
        }

        @Override
        public void collect(T record, long timestamp) {
            elements.add(record + "@" + timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markIdle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markActive() {
            throw new UnsupportedOperationException();
        }
    }

    /** Emits one element per comma-separated part of the value. */
    private static final class Splitting implements KafkaRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            for (String part : new String(record.value(), StandardCharsets.UTF_8).split(",")) {
                out.collect(part);
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static class Failing implements KafkaRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                throws IOException {
            throw new IllegalStateException("cannot decode");
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
