package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.connector.source.RichSourceReaderContext;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;

/** Creates the dead-letter writer of a reader for its settings and the job it runs in. */
final class DeadLetterWriters {

    private DeadLetterWriters() {}

    /**
     * The writer of the settings' delivery guarantee. For EXACTLY_ONCE, reads the job id and the
     * checkpoint configuration from the reader's runtime context when Flink provides one.
     *
     * @throws KafkaBridgeConfigException for EXACTLY_ONCE in a job without checkpoints, whose dead
     *     letters would never be committed
     */
    static DeadLetterWriter create(
            DeadLetterSettings settings, SourceReaderContext context, KafkaClientFactory clients) {
        int subtask = context.getIndexOfSubtask();
        if (!settings.isExactlyOnce()) {
            return new AtLeastOnceDeadLetterWriter(
                    settings.topic(),
                    settings.bootstrapServers(),
                    () -> clients.createProducer(settings.atLeastOnceProducer(subtask)));
        }
        RuntimeContext runtime = runtimeContext(context);
        Configuration job =
                runtime instanceof StreamingRuntimeContext
                        ? ((StreamingRuntimeContext) runtime).getJobConfiguration()
                        : null;
        if (job != null && !CheckpointingOptions.isCheckpointingEnabled(job)) {
            throw new KafkaBridgeConfigException(
                    "KafkaBridgeSource",
                    List.of(
                            "deadLetterDeliveryGuarantee EXACTLY_ONCE"
                                    + " (setDeadLetterDeliveryGuarantee) needs checkpointing:"
                                    + " dead letters are committed when a checkpoint completes."
                                    + " Enable checkpointing (execution.checkpointing.interval) in"
                                    + " streaming mode, or write dead letters AT_LEAST_ONCE"));
        }
        long intervalMs =
                job == null
                        ? -1
                        : job.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                                .map(Duration::toMillis)
                                .orElse(-1L);
        String jobId = runtime == null ? "unknown job" : runtime.getJobInfo().getJobId().toString();
        return new ExactlyOnceDeadLetterWriter(
                settings, clients, subtask, context.currentParallelism(), jobId, intervalMs);
    }

    @Nullable
    private static RuntimeContext runtimeContext(SourceReaderContext context) {
        if (!(context instanceof RichSourceReaderContext)) {
            return null;
        }
        try {
            return ((RichSourceReaderContext) context).getRuntimeContext();
        } catch (RuntimeException e) {
            // A context without a runtime context (tests): the checks that need it are skipped.
            return null;
        }
    }
}
