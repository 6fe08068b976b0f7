package io.github.flinkkafkabridge.sink.testing;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.sink.writer.KafkaWriterBase;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Wraps a {@link KafkaBridgeSink} and injects the failures of a {@link FailurePlan} at the writer's
 * and committer's points of the two-phase commit.
 */
public final class FailureInjectingSink<T>
        implements Sink<T>,
                SupportsWriterState<T, KafkaWriterState>,
                SupportsCommitter<KafkaCommittable>,
                SupportsPreWriteTopology<T> {

    private static final long serialVersionUID = 1L;

    /** Records a writer instance writes in an attempt before a writer failure may hit. */
    private static final int MIN_RECORDS_BEFORE_FAILURE = 50;

    private final KafkaBridgeSink<T> delegate;
    private final String planKey;

    public FailureInjectingSink(KafkaBridgeSink<T> delegate, FailurePlan plan) {
        this.delegate = delegate;
        this.planKey = plan.key();
    }

    @Override
    public Writer<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(delegate.createWriter(context), planKey);
    }

    @Override
    public Writer<T> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> recoveredState)
            throws IOException {
        return new Writer<>(delegate.restoreWriter(context, recoveredState), planKey);
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        Committer<KafkaCommittable> committer = delegate.createCommitter(context);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<KafkaCommittable>> requests)
                    throws IOException, InterruptedException {
                if (!requests.isEmpty()
                        && FailurePlan.get(planKey)
                                .claim(FailurePlan.Failure.AFTER_CHECKPOINT_BEFORE_COMMIT)) {
                    throw new FailurePlan.InjectedFailure(
                            FailurePlan.Failure.AFTER_CHECKPOINT_BEFORE_COMMIT);
                }
                committer.commit(requests);
            }

            @Override
            public void close() throws Exception {
                committer.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    @Override
    public DataStream<T> addPreWriteTopology(DataStream<T> inputDataStream) {
        return delegate.addPreWriteTopology(inputDataStream);
    }

    /** Delegates to the sink's writer, failing at the planned points. */
    static final class Writer<T>
            implements StatefulSinkWriter<T, KafkaWriterState>,
                    CommittingSinkWriter<T, KafkaCommittable> {
        private final KafkaWriterBase<T> delegate;
        private final String planKey;
        private long recordsInAttempt;
        private long recordsSincePreCommit;

        Writer(KafkaWriterBase<T> delegate, String planKey) {
            this.delegate = delegate;
            this.planKey = planKey;
        }

        @Override
        public void write(T element, Context context) throws IOException, InterruptedException {
            delegate.write(element, context);
            recordsInAttempt++;
            recordsSincePreCommit++;
            if (recordsInAttempt >= MIN_RECORDS_BEFORE_FAILURE
                    && recordsSincePreCommit >= MIN_RECORDS_BEFORE_FAILURE / 2
                    && FailurePlan.get(planKey).claim(FailurePlan.Failure.BEFORE_CHECKPOINT)) {
                throw new FailurePlan.InjectedFailure(FailurePlan.Failure.BEFORE_CHECKPOINT);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            delegate.flush(endOfInput);
        }

        @Override
        public Collection<KafkaCommittable> prepareCommit()
                throws IOException, InterruptedException {
            recordsSincePreCommit = 0;
            return delegate.prepareCommit();
        }

        @Override
        public List<KafkaWriterState> snapshotState(long checkpointId) throws IOException {
            List<KafkaWriterState> state = delegate.snapshotState(checkpointId);
            if (recordsInAttempt >= MIN_RECORDS_BEFORE_FAILURE
                    && FailurePlan.get(planKey).claim(FailurePlan.Failure.AFTER_PRE_COMMIT)) {
                throw new FailurePlan.InjectedFailure(FailurePlan.Failure.AFTER_PRE_COMMIT);
            }
            return state;
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}
