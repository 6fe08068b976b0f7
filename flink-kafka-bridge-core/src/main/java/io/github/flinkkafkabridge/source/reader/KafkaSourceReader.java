package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.metrics.KafkaBridgeMetric;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source reader: one fetcher thread polls Kafka for all assigned partitions, the task thread
 * deserializes and emits. When offset commits are on, the offsets of a checkpoint are committed to
 * the consumer group once that checkpoint completes, so Kafka tooling shows the job's progress; the
 * job itself always restarts from its checkpoint, never from the committed offsets.
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

    private final BadRecordHandler badRecords;

    private KafkaSourceReader(
            KafkaSourceFetcherManager fetcherManager,
            KafkaRecordEmitter<T> emitter,
            Configuration config,
            SourceReaderContext context,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            boolean commitOffsets,
            @Nullable KafkaReaderMetrics metrics,
            BadRecordHandler badRecords) {
        super(fetcherManager, emitter, null, config, context, rateLimiter);
        this.commitOffsets = commitOffsets;
        this.metrics = metrics;
        this.badRecords = badRecords;
        MetricGroup kafkaGroup = context.metricGroup().addGroup(KafkaBridgeMetric.SOURCE_GROUP);
        this.commitsSucceeded = kafkaGroup.counter(COMMITS_SUCCEEDED);
        this.commitsFailed = kafkaGroup.counter(COMMITS_FAILED);
    }

    /**
     * Creates a reader.
     *
     * @param badRecordPolicy what to do with records the deserializer rejects
     * @param deadLetterProducerFactory creates the dead-letter producer (on the first bad record);
     *     required when the policy dead-letters
     */
    public static <T> KafkaSourceReader<T> create(
            SourceReaderContext context,
            Supplier<Consumer<byte[], byte[]>> consumerFactory,
            KafkaRecordDeserializer<T> deserializer,
            Duration pollTimeout,
            Duration commitTimeout,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            boolean commitOffsets,
            boolean metricsEnabled,
            BadRecordPolicy badRecordPolicy,
            @Nullable Supplier<Producer<byte[], byte[]>> deadLetterProducerFactory) {
        Configuration config = context.getConfiguration();
        KafkaReaderMetrics metrics =
                metricsEnabled ? KafkaReaderMetrics.register(context.metricGroup()) : null;
        BadRecordHandler badRecords =
                new BadRecordHandler(
                        badRecordPolicy, deadLetterProducerFactory, metrics, System::nanoTime);
        KafkaSourceFetcherManager fetcherManager =
                new KafkaSourceFetcherManager(
                        () ->
                                new KafkaPartitionSplitReader(
                                        consumerFactory.get(), pollTimeout, commitTimeout, metrics),
                        config);
        return new KafkaSourceReader<>(
                fetcherManager,
                new KafkaRecordEmitter<>(deserializer, metrics, badRecords),
                config,
                context,
                rateLimiter,
                commitOffsets,
                metrics,
                badRecords);
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
        try {
            badRecords.flush();
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
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
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
            badRecords.close();
        }
    }
}
