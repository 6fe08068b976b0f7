package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.metrics.SourcePartitionMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.util.ArrayList;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Deserializes each record into its elements, emits them with the record's timestamp and moves the
 * split's position past the record. Called from the reader's task thread; one instance per reader.
 *
 * <p>The position moves only after every element of a record was emitted, so a checkpoint never
 * falls inside a record: a restore neither repeats nor skips its elements. A record the
 * deserializer rejects goes to the {@link BadRecordHandler}; when the job continues after bad
 * records, elements are held back until their record deserialized completely.
 */
final class KafkaRecordEmitter<T>
        implements RecordEmitter<ConsumerRecord<byte[], byte[]>, T, KafkaPartitionSplitState> {

    private final KafkaRecordDeserializer<T> deserializer;
    private final BadRecordHandler badRecords;
    private final OutputCollector<T> collector;

    /** Null when the source's metrics are switched off. */
    @Nullable private final KafkaReaderMetrics metrics;

    /** The split of the previous record and its metrics, so a record costs no map lookup. */
    @Nullable private KafkaPartitionSplitState metricsSplit;

    @Nullable private SourcePartitionMetrics partitionMetrics;

    KafkaRecordEmitter(KafkaRecordDeserializer<T> deserializer) {
        this(deserializer, null);
    }

    KafkaRecordEmitter(
            KafkaRecordDeserializer<T> deserializer, @Nullable KafkaReaderMetrics metrics) {
        this(deserializer, metrics, BadRecordHandler.failing(metrics));
    }

    KafkaRecordEmitter(
            KafkaRecordDeserializer<T> deserializer,
            @Nullable KafkaReaderMetrics metrics,
            BadRecordHandler badRecords) {
        this.deserializer = deserializer;
        this.metrics = metrics;
        this.badRecords = badRecords;
        this.collector = new OutputCollector<>(badRecords.holdsBackElements());
    }

    @Override
    public void emitRecord(
            ConsumerRecord<byte[], byte[]> record,
            SourceOutput<T> output,
            KafkaPartitionSplitState splitState)
            throws Exception {
        collector.output = output;
        collector.timestamp = record.timestamp();
        try {
            deserializer.deserialize(record, collector);
        } catch (DownstreamException e) {
            // A failure of a chained operator, not of this record's bytes.
            throw e.getCause();
        } catch (Exception e) {
            collector.discardHeldBack();
            badRecords.handle(record, e);
        }
        try {
            collector.emitHeldBack();
        } catch (DownstreamException e) {
            throw e.getCause();
        }
        splitState.setNextOffset(record.offset() + 1);
        if (metrics != null) {
            partitionMetrics(splitState)
                    .recordEmitted(
                            record.offset(),
                            record.timestamp(),
                            Math.max(0, record.serializedKeySize())
                                    + Math.max(0, record.serializedValueSize()));
        }
    }

    private SourcePartitionMetrics partitionMetrics(KafkaPartitionSplitState splitState) {
        if (splitState != metricsSplit || partitionMetrics == null) {
            partitionMetrics = metrics.partition(splitState.split().partition());
            metricsSplit = splitState;
        }
        return partitionMetrics;
    }

    /**
     * Passes elements to the split output, or holds them back until their record is complete; tells
     * downstream failures apart from deserialization failures.
     */
    private static final class OutputCollector<T> implements Collector<T> {
        SourceOutput<T> output;
        long timestamp;
        private final boolean holdBack;
        private final ArrayList<T> heldBack = new ArrayList<>();

        OutputCollector(boolean holdBack) {
            this.holdBack = holdBack;
        }

        @Override
        public void collect(T element) {
            if (holdBack) {
                heldBack.add(element);
            } else {
                emit(element);
            }
        }

        void emitHeldBack() {
            if (!heldBack.isEmpty()) {
                for (T element : heldBack) {
                    emit(element);
                }
                heldBack.clear();
            }
        }

        void discardHeldBack() {
            heldBack.clear();
        }

        private void emit(T element) {
            try {
                if (timestamp == ConsumerRecord.NO_TIMESTAMP) {
                    output.collect(element);
                } else {
                    output.collect(element, timestamp);
                }
            } catch (Exception e) {
                throw new DownstreamException(e);
            }
        }

        @Override
        public void close() {}
    }

    /** Carries an exception of a downstream operator through the user's deserializer. */
    private static final class DownstreamException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DownstreamException(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
