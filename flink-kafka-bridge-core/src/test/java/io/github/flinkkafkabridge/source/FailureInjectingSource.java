package io.github.flinkkafkabridge.source;

import io.github.flinkkafkabridge.sink.testing.FailurePlan;
import io.github.flinkkafkabridge.sink.testing.FailurePlan.Failure;
import io.github.flinkkafkabridge.source.enumerator.KafkaEnumeratorState;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Wraps a {@link KafkaBridgeSource} and injects the failures of a {@link FailurePlan} at the points
 * of the EXACTLY_ONCE dead-letter two-phase commit, at checkpoints whose reader state holds a
 * prepared dead-letter transaction (or, for AT_LEAST_ONCE dead letters, which have no such state,
 * from the third checkpoint on):
 *
 * <ul>
 *   <li>{@link Failure#AFTER_PRE_COMMIT}: in the reader's snapshot, after the dead-letter
 *       transaction was prepared, so the checkpoint fails;
 *   <li>{@link Failure#AFTER_CHECKPOINT_BEFORE_COMMIT}: when the checkpoint completed, before the
 *       reader hears of it and commits.
 * </ul>
 */
final class FailureInjectingSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    /** AT_LEAST_ONCE dead letters: checkpoints from this one on may fail. */
    private static final long FIRST_CHECKPOINT_TO_FAIL = 3;

    private final KafkaBridgeSource<T> delegate;
    private final String planKey;
    private final boolean exactlyOnce;

    /**
     * @param exactlyOnce whether the source writes dead letters EXACTLY_ONCE: failures wait for a
     *     checkpoint holding a prepared dead-letter transaction
     */
    FailureInjectingSource(KafkaBridgeSource<T> delegate, FailurePlan plan, boolean exactlyOnce) {
        this.delegate = delegate;
        this.planKey = plan.key();
        this.exactlyOnce = exactlyOnce;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new Reader<>(delegate.createReader(context), planKey, exactlyOnce);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return delegate.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaEnumeratorState checkpoint)
            throws Exception {
        return delegate.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaEnumeratorState> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return delegate.getProducedType();
    }

    /** Delegates to the source's reader, failing at the planned points. */
    private static final class Reader<T> implements SourceReader<T, KafkaPartitionSplit> {
        private final SourceReader<T, KafkaPartitionSplit> delegate;
        private final String planKey;
        private final boolean exactlyOnce;

        /** Checkpoints that may fail: for EXACTLY_ONCE, those with prepared dead letters. */
        private final ConcurrentSkipListSet<Long> withDeadLetters = new ConcurrentSkipListSet<>();

        Reader(SourceReader<T, KafkaPartitionSplit> delegate, String planKey, boolean exactlyOnce) {
            this.delegate = delegate;
            this.planKey = planKey;
            this.exactlyOnce = exactlyOnce;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            return delegate.pollNext(output);
        }

        @Override
        public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
            List<KafkaPartitionSplit> splits = delegate.snapshotState(checkpointId);
            boolean prepared =
                    exactlyOnce
                            ? hasPreparedDeadLetters(splits)
                            : checkpointId >= FIRST_CHECKPOINT_TO_FAIL;
            if (prepared) {
                withDeadLetters.add(checkpointId);
                if (FailurePlan.get(planKey).claim(Failure.AFTER_PRE_COMMIT)) {
                    throw new FailurePlan.InjectedFailure(Failure.AFTER_PRE_COMMIT);
                }
            }
            return splits;
        }

        private static boolean hasPreparedDeadLetters(List<KafkaPartitionSplit> splits) {
            return splits.stream()
                    .anyMatch(
                            split ->
                                    split.deadLetterState() != null
                                            && !split.deadLetterState().pending().isEmpty());
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            if (!withDeadLetters.headSet(checkpointId, true).isEmpty()
                    && FailurePlan.get(planKey).claim(Failure.AFTER_CHECKPOINT_BEFORE_COMMIT)) {
                throw new FailurePlan.InjectedFailure(Failure.AFTER_CHECKPOINT_BEFORE_COMMIT);
            }
            withDeadLetters.headSet(checkpointId, true).clear();
            delegate.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            delegate.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void addSplits(List<KafkaPartitionSplit> splits) {
            delegate.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent sourceEvent) {
            delegate.handleSourceEvents(sourceEvent);
        }

        @Override
        public void pauseOrResumeSplits(
                Collection<String> splitsToPause, Collection<String> splitsToResume) {
            delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
