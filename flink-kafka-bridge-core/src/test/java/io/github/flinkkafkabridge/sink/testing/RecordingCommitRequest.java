package io.github.flinkkafkabridge.sink.testing;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.metrics.SinkCommitterMetrics;
import io.github.flinkkafkabridge.sink.committer.KafkaCommitter;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.metrics.testutils.MetricListener;

/** A commit request that records how the committer settled it, for committer tests. */
public final class RecordingCommitRequest implements CommitRequest<KafkaCommittable> {
    private final KafkaCommittable committable;
    @Nullable public String outcome;
    @Nullable public Throwable failure;

    public RecordingCommitRequest(KafkaCommittable committable) {
        this.committable = committable;
    }

    /**
     * Commits as Flink's committer operator does, with a committer of the sink's settings.
     *
     * @return {@code "committed"}, or {@code "alreadyCommitted"} when the committer found it so
     * @throws AssertionError when the commit failed or asked to be retried
     */
    public static String commit(SinkSettings<?> settings, KafkaCommittable committable)
            throws Exception {
        RecordingCommitRequest request = new RecordingCommitRequest(committable);
        try (KafkaCommitter committer =
                new KafkaCommitter(
                        settings,
                        SinkCommitterMetrics.register(new MetricListener().getMetricGroup()))) {
            committer.commit(List.of(request));
        }
        if (request.failure != null) {
            throw new AssertionError("the commit of " + committable + " failed", request.failure);
        }
        if (request.outcome != null && !request.outcome.equals("alreadyCommitted")) {
            throw new AssertionError(
                    "the committer asked to " + request.outcome + " for " + committable);
        }
        return request.outcome == null ? "committed" : request.outcome;
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
