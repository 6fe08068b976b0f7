package io.github.flinkkafkabridge.sink.testing;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;

/** A commit request that records how the committer settled it, for committer tests. */
public final class RecordingCommitRequest implements CommitRequest<KafkaCommittable> {
    private final KafkaCommittable committable;
    @Nullable public String outcome;
    @Nullable public Throwable failure;

    public RecordingCommitRequest(KafkaCommittable committable) {
        this.committable = committable;
    }

    @Override
    public KafkaCommittable getCommittable() {
        return committable;
    }

    @Override
    public int getNumberOfRetries() {
        return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
        outcome = "failedKnown";
        failure = t;
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
        outcome = "failed";
        failure = t;
    }

    @Override
    public void retryLater() {
        outcome = "retryLater";
    }

    @Override
    public void updateAndRetryLater(KafkaCommittable committable) {
        outcome = "updateAndRetryLater";
    }

    @Override
    public void signalAlreadyCommitted() {
        outcome = "alreadyCommitted";
    }
}
