package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.metrics.KafkaBridgeMetric;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source reader: one fetcher thread polls Kafka for all assigned partitions, the task thread
 * deserializes and emits. When offset commits are on, the offsets of a checkpoint are committed to
 * the consumer group once that checkpoint completes, so Kafka tooling shows the job's progress; the
 * job itself always restarts from its checkpoint, never from the committed offsets.
 *
 * <p>With dead letters, every checkpoint first makes the dead letters written so far safe (see
 * {@link DeadLetterWriter}). The EXACTLY_ONCE dead-letter writer's state (its prepared
 * transactions) is checkpointed on the first split of the reader's state, or, when the reader has
 * no split left, on the last split it finished (restored, such a split finishes again at once);
 * {@link #addSplits} takes it off restored splits, and {@link #start()} lets the writer commit and
 * abort what an earlier attempt left behind before anything is read.
 */
public final class KafkaSourceReader<T>
        extends SingleThreadMultiplexSourceReaderBase<
                ConsumerRecord<byte[], byte[]>, T, KafkaPartitionSplit, KafkaPartitionSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);

    /** Metric: offset commits that succeeded. */
    public static final String COMMITS_SUCCEEDED = KafkaBridgeMetric.COMMITS_SUCCEEDED.metricName();

    /** Metric: offset commits that failed. */
    public static final String COMMITS_FAILED = KafkaBridgeMetric.COMMITS_FAILED.metricName();

    private final boolean commitOffsets;

    /** Offsets per checkpoint not yet committed; touched by the task thread only. */
    private final SortedMap<Long, Map<TopicPartition, OffsetAndMetadata>> offsetsToCommit =
            new TreeMap<>();

    /** Final positions of splits finished since the last checkpoint; task thread only. */
    private final Map<TopicPartition, OffsetAndMetadata> finishedOffsets = new HashMap<>();

    private final Counter commitsSucceeded;
    private final Counter commitsFailed;

    /** Null when the source's metrics are switched off. */
    @Nullable private final KafkaReaderMetrics metrics;

    /** Null unless the policy dead-letters. */
    @Nullable private final DeadLetterWriter deadLetters;

    /** The last split finished, to carry dead-letter state when no split is left; task thread. */
    @Nullable private KafkaPartitionSplit lastFinishedSplit;

    private KafkaSourceReader(
            KafkaSourceFetcherManager fetcherManager,
            KafkaRecordEmitter<T> emitter,
            Configuration config,
            SourceReaderContext context,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            boolean commitOffsets,
            @Nullable KafkaReaderMetrics metrics,
            @Nullable DeadLetterWriter deadLetters) {
        super(fetcherManager, emitter, null, config, context, rateLimiter);
        this.commitOffsets = commitOffsets;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        MetricGroup kafkaGroup = context.metricGroup().addGroup(KafkaBridgeMetric.SOURCE_GROUP);
        this.commitsSucceeded = kafkaGroup.counter(COMMITS_SUCCEEDED);
        this.commitsFailed = kafkaGroup.counter(COMMITS_FAILED);
    }

    /**
     * Creates a reader.
     *
     * @param bootstrapServers the cluster the consumers read, for error messages
     * @param badRecordPolicy what to do with records the deserializer rejects
     * @param deadLetterSettings how dead letters are written; required when the policy dead-letters
     */
    public static <T> KafkaSourceReader<T> create(
            SourceReaderContext context,
            Supplier<Consumer<byte[], byte[]>> consumerFactory,
            String bootstrapServers,
            KafkaRecordDeserializer<T> deserializer,
            Duration pollTimeout,
            Duration commitTimeout,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            boolean commitOffsets,
            boolean metricsEnabled,
            BadRecordPolicy badRecordPolicy,
            @Nullable DeadLetterSettings deadLetterSettings) {
        DeadLetterWriter deadLetters =
                badRecordPolicy.action() == BadRecordPolicy.Action.DEAD_LETTER
                        ? DeadLetterWriters.create(
                                Objects.requireNonNull(deadLetterSettings, "deadLetterSettings"),
                                context,
                                KafkaClientFactory.DEFAULT)
                        : null;
        return createWithWriter(
                context,
                consumerFactory,
                bootstrapServers,
                deserializer,
                pollTimeout,
                commitTimeout,
                rateLimiter,
                commitOffsets,
                metricsEnabled,
                badRecordPolicy,
                deadLetters);
    }

    /** Creates a reader with the given dead-letter writer (null unless the policy dead-letters). */
    static <T> KafkaSourceReader<T> createWithWriter(
            SourceReaderContext context,
            Supplier<Consumer<byte[], byte[]>> consumerFactory,
            String bootstrapServers,
            KafkaRecordDeserializer<T> deserializer,
            Duration pollTimeout,
            Duration commitTimeout,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            boolean commitOffsets,
            boolean metricsEnabled,
            BadRecordPolicy badRecordPolicy,
            @Nullable DeadLetterWriter deadLetters) {
        Configuration config = context.getConfiguration();
        KafkaReaderMetrics metrics =
                metricsEnabled ? KafkaReaderMetrics.register(context.metricGroup()) : null;
        BadRecordHandler badRecords =
                new BadRecordHandler(badRecordPolicy, deadLetters, metrics, System::nanoTime);
        KafkaSourceFetcherManager fetcherManager =
                new KafkaSourceFetcherManager(
                        () ->
                                new KafkaPartitionSplitReader(
                                        consumerFactory.get(),
                                        bootstrapServers,
                                        pollTimeout,
                                        commitTimeout,
                                        metrics),
                        config);
        return new KafkaSourceReader<>(
                fetcherManager,
                new KafkaRecordEmitter<>(deserializer, metrics, badRecords),
                config,
                context,
                rateLimiter,
                commitOffsets,
                metrics,
                deadLetters);
    }

    @Override
    public void start() {
        if (deadLetters != null) {
            try {
                deadLetters.recover();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        super.start();
    }

    /** Takes the dead-letter state off restored splits before they are read. */
    @Override
    public void addSplits(List<KafkaPartitionSplit> splits) {
        List<KafkaPartitionSplit> plain = new ArrayList<>(splits.size());
        for (KafkaPartitionSplit split : splits) {
            KafkaWriterState state = split.deadLetterState();
            if (state == null) {
                plain.add(split);
                continue;
            }
            if (deadLetters != null) {
                deadLetters.restoreState(state);
            } else if (!state.pending().isEmpty()) {
                LOG.warn(
                        "Dead-letter transactions {} restored with split {} are not committed: the"
                                + " source no longer dead-letters bad records. The broker aborts"
                                + " them after transaction.timeout.ms.",
                        state.pending(),
                        split.splitId());
            }
            plain.add(split.withDeadLetterState(null));
        }
        super.addSplits(plain);
    }

    @Override
    protected KafkaPartitionSplitState initializedState(KafkaPartitionSplit split) {
        if (metrics != null) {
            metrics.onSplitAssigned(split);
        }
        return new KafkaPartitionSplitState(split);
    }

    @Override
    protected KafkaPartitionSplit toSplitType(String splitId, KafkaPartitionSplitState state) {
        return state.toSplit();
    }

    @Override
    protected void onSplitFinished(Map<String, KafkaPartitionSplitState> finishedSplitIds) {
        if (deadLetters != null) {
            // A finished split is read up to its stopping offset: restored, it finishes at once.
            finishedSplitIds.values().stream()
                    .filter(state -> state.split().isBounded())
                    .forEach(
                            state ->
                                    lastFinishedSplit =
                                            state.split()
                                                    .withStartingOffset(
                                                            state.split().stoppingOffset()));
        }
        if (metrics != null) {
            finishedSplitIds.values().forEach(state -> metrics.onSplitFinished(state.split()));
        }
        if (commitOffsets) {
            finishedSplitIds.forEach(
                    (id, state) ->
                            finishedOffsets.put(
                                    state.split().partition(),
                                    new OffsetAndMetadata(state.nextOffset())));
        }
    }

    @Override
    public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
        KafkaWriterState deadLetterState;
        try {
            deadLetterState = deadLetters == null ? null : deadLetters.snapshotState(checkpointId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KafkaPartitionSplit> splits = super.snapshotState(checkpointId);
        if (commitOffsets) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(finishedOffsets);
            for (KafkaPartitionSplit split : splits) {
                offsets.put(split.partition(), new OffsetAndMetadata(split.startingOffset()));
            }
            finishedOffsets.clear();
            if (!offsets.isEmpty()) {
                offsetsToCommit.put(checkpointId, offsets);
            }
        }
        return withDeadLetterState(splits, deadLetterState);
    }

    /**
     * Puts the dead-letter state on the first split; with no split left, on the last finished
     * split, which a restored reader finishes again at once.
     */
    private List<KafkaPartitionSplit> withDeadLetterState(
            List<KafkaPartitionSplit> splits, @Nullable KafkaWriterState state) {
        if (state == null) {
            return splits;
        }
        if (!splits.isEmpty()) {
            List<KafkaPartitionSplit> result = new ArrayList<>(splits);
            result.set(0, splits.get(0).withDeadLetterState(state));
            return result;
        }
        if (state.pending().isEmpty()) {
            // Nothing to commit after a restore; with no split, nothing more is read either.
            return splits;
        }
        if (lastFinishedSplit == null) {
            // A reader that wrote dead letters read a split; it is either here or finished.
            throw new IllegalStateException(
                    "No split to checkpoint the dead-letter transactions " + state + " with");
        }
        return List.of(lastFinishedSplit.withDeadLetterState(state));
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        if (deadLetters != null) {
            deadLetters.notifyCheckpointComplete(checkpointId);
        }
        if (!commitOffsets) {
            return;
        }
        // Later checkpoints hold newer offsets of the same partitions; older ones are subsumed,
        // but an older checkpoint may hold a split that finished since, so merge in order.
        SortedMap<Long, Map<TopicPartition, OffsetAndMetadata>> done =
                offsetsToCommit.headMap(checkpointId + 1);
        if (done.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        done.values().forEach(offsets::putAll);
        done.clear();
        ((KafkaSourceFetcherManager) splitFetcherManager)
                .commitOffsets(
                        offsets,
                        (committed, error) -> {
                            if (error == null) {
                                commitsSucceeded.inc();
                                LOG.debug(
                                        "Committed offsets of checkpoint {}: {}",
                                        checkpointId,
                                        committed);
                            } else {
                                commitsFailed.inc();
                                LOG.warn(
                                        "Could not commit the offsets of checkpoint {} to the"
                                                + " consumer group ({}); the job is unaffected,"
                                                + " the next checkpoint commits again.",
                                        checkpointId,
                                        error.toString());
                            }
                        });
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }
}
