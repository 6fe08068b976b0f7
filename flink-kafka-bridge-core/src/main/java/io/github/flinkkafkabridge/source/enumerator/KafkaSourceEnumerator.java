package io.github.flinkkafkabridge.source.enumerator;

import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the partitions to read, resolves their offsets and assigns each partition to one
 * reader.
 *
 * <p>Owned by the source coordinator; every method runs in the coordinator thread, except the
 * discovery itself ({@link #discover()}), which runs in the coordinator's worker thread and sees
 * the enumerator's state only through the immutable snapshot in {@link #knownPartitions}.
 *
 * <p>The first discovery uses the configured {@link StartingOffsets}; partitions found by later
 * discoveries start at their earliest offset, so records written to a new partition before it was
 * noticed are not lost. When periodic discovery is off, readers are told that no more splits will
 * come once the first discovery is assigned; a bounded source then finishes when every split
 * reached its stopping offset.
 */
public final class KafkaSourceEnumerator
        implements SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceEnumerator.class);

    private final SplitEnumeratorContext<KafkaPartitionSplit> context;
    private final TopicSubscription subscription;
    private final StartingOffsets startingOffsets;
    private final StoppingOffsets stoppingOffsets;
    @Nullable private final Duration discoveryInterval;
    private final boolean failOnMissing;
    @Nullable private final String groupId;
    private final Supplier<KafkaMetadata> metadataFactory;

    private final Set<TopicPartition> assignedPartitions;
    private final List<KafkaPartitionSplit> pendingSplits;
    private boolean initialDiscoveryFinished;

    /** Assigned plus pending partitions, published for the worker thread. */
    private volatile Set<TopicPartition> knownPartitions;

    private volatile boolean firstDiscoveryRunning;

    /** Whether a discovery of this run (since start or restore) finished; not checkpointed. */
    private boolean discoveredSinceStart;

    private Set<String> lastMissing = Set.of();
    @Nullable private KafkaMetadata metadata;

    /**
     * @param discoveryInterval period of partition discovery, or null for one discovery only
     * @param failOnMissing whether topics or partitions asked for by name but missing fail the job
     *     (when they could never be read) or only log a warning (when discovery will pick them up)
     */
    public KafkaSourceEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context,
            TopicSubscription subscription,
            StartingOffsets startingOffsets,
            StoppingOffsets stoppingOffsets,
            @Nullable Duration discoveryInterval,
            boolean failOnMissing,
            @Nullable String groupId,
            Supplier<KafkaMetadata> metadataFactory,
            KafkaEnumeratorState state) {
        this.context = context;
        this.subscription = subscription;
        this.startingOffsets = startingOffsets;
        this.stoppingOffsets = stoppingOffsets;
        this.discoveryInterval = discoveryInterval;
        this.failOnMissing = failOnMissing;
        this.groupId = groupId;
        this.metadataFactory = metadataFactory;
        this.assignedPartitions = new HashSet<>(state.assignedPartitions());
        this.pendingSplits = new ArrayList<>(state.pendingSplits());
        this.initialDiscoveryFinished = state.initialDiscoveryFinished();
        publishKnownPartitions();
    }

    @Override
    public void start() {
        metadata = metadataFactory.get();
        firstDiscoveryRunning = !initialDiscoveryFinished;
        if (discoveryInterval == null) {
            LOG.info("Discovering the partitions of {} once", subscription);
            context.callAsync(this::discover, this::onDiscovered);
        } else {
            LOG.info(
                    "Discovering the partitions of {} every {} ms",
                    subscription,
                    discoveryInterval.toMillis());
            context.callAsync(this::discover, this::onDiscovered, 0, discoveryInterval.toMillis());
        }
    }

    /** Runs in the worker thread: finds new partitions and resolves their offsets. */
    private DiscoveryResult discover() {
        Set<TopicPartition> known = knownPartitions;
        boolean initial = firstDiscoveryRunning;
        TopicSubscription.Discovery discovery = subscription.discover(metadata);
        Set<TopicPartition> fresh = new HashSet<>(discovery.partitions());
        fresh.removeAll(known);
        List<KafkaPartitionSplit> splits = new ArrayList<>(fresh.size());
        if (!fresh.isEmpty()) {
            OffsetsResolver resolver = new OffsetsResolver(metadata, groupId);
            Map<TopicPartition, Long> starts =
                    initial ? resolver.starting(startingOffsets, fresh) : resolver.earliest(fresh);
            Map<TopicPartition, Long> stops = resolver.stopping(stoppingOffsets, fresh);
            for (TopicPartition partition : fresh) {
                splits.add(
                        new KafkaPartitionSplit(
                                partition, starts.get(partition), stops.get(partition)));
            }
        }
        return new DiscoveryResult(splits, discovery.missing(), initial);
    }

    /** Runs in the coordinator thread with the result of {@link #discover()}. */
    private void onDiscovered(@Nullable DiscoveryResult result, @Nullable Throwable error) {
        boolean initial = !initialDiscoveryFinished;
        if (error != null) {
            if (initial || discoveryInterval == null) {
                throw new FlinkRuntimeException(
                        "KafkaBridgeSource could not discover the partitions of "
                                + subscription
                                + ": "
                                + error.getMessage(),
                        error);
            }
            LOG.warn(
                    "Partition discovery of {} failed; retrying in {} ms: {}",
                    subscription,
                    discoveryInterval.toMillis(),
                    error.getMessage());
            return;
        }
        reportMissing(result.missing);
        if (result.initial && !initial) {
            // Started before the first discovery finished, so it resolved offsets as a first
            // discovery would; drop it, the next round finds anything new again.
            return;
        }
        int added = 0;
        for (KafkaPartitionSplit split : result.splits) {
            if (!knownPartitions.contains(split.partition())) {
                pendingSplits.add(split);
                added++;
            }
        }
        if (added > 0) {
            LOG.info(
                    "Discovered {} new partition(s) of {}{}",
                    added,
                    subscription,
                    initial ? "" : " (reading them from their earliest offset)");
            publishKnownPartitions();
        }
        initialDiscoveryFinished = true;
        firstDiscoveryRunning = false;
        discoveredSinceStart = true;
        assignPendingSplits(context.registeredReaders().keySet());
    }

    private void reportMissing(Set<String> missing) {
        if (missing.isEmpty() || missing.equals(lastMissing)) {
            lastMissing = missing;
            return;
        }
        lastMissing = missing;
        if (failOnMissing) {
            throw new FlinkRuntimeException(
                    "KafkaBridgeSource subscribed to "
                            + subscription
                            + " but "
                            + missing
                            + " do(es) not exist in the Kafka cluster. Create them, fix the"
                            + " subscription (setTopics, setTopicPattern or setPartitions), or"
                            + " read unbounded with partition discovery"
                            + " (setPartitionDiscoveryInterval) to wait for them.");
        }
        LOG.warn(
                "KafkaBridgeSource subscribed to {} but {} do(es) not exist yet; partition"
                        + " discovery will start reading them from their earliest offset once"
                        + " they are created.",
                subscription,
                missing);
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        // Splits are pushed on discovery and registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtaskId) {
        LOG.info("Reader {} failed over; re-assigning {} split(s)", subtaskId, splits.size());
        for (KafkaPartitionSplit split : splits) {
            assignedPartitions.remove(split.partition());
            pendingSplits.add(split);
        }
        publishKnownPartitions();
        // The reader gets them back when it registers again (addReader).
    }

    @Override
    public void addReader(int subtaskId) {
        assignPendingSplits(Set.of(subtaskId));
    }

    private void assignPendingSplits(Set<Integer> readers) {
        int parallelism = context.currentParallelism();
        Map<Integer, List<KafkaPartitionSplit>> assignment = new HashMap<>();
        Iterator<KafkaPartitionSplit> pending = pendingSplits.iterator();
        while (pending.hasNext()) {
            KafkaPartitionSplit split = pending.next();
            int owner = ownerOf(split.partition(), parallelism);
            if (readers.contains(owner)) {
                assignment.computeIfAbsent(owner, k -> new ArrayList<>()).add(split);
                assignedPartitions.add(split.partition());
                pending.remove();
            }
        }
        if (!assignment.isEmpty()) {
            LOG.info("Assigning splits {}", assignment);
            context.assignSplits(new SplitsAssignment<>(assignment));
        }
        if (discoveryInterval == null && discoveredSinceStart) {
            for (int reader : readers) {
                context.signalNoMoreSplits(reader);
            }
        }
    }

    /**
     * The reader that owns a partition: partitions of one topic go round-robin over the readers,
     * starting at a reader chosen by the topic's name, so that several topics spread evenly.
     */
    static int ownerOf(TopicPartition partition, int parallelism) {
        int start = ((partition.topic().hashCode() * 31) & 0x7FFFFFFF) % parallelism;
        return (start + partition.partition()) % parallelism;
    }

    @Override
    public KafkaEnumeratorState snapshotState(long checkpointId) {
        return new KafkaEnumeratorState(
                assignedPartitions, pendingSplits, initialDiscoveryFinished);
    }

    @Override
    public void close() {
        if (metadata != null) {
            metadata.close();
        }
    }

    private void publishKnownPartitions() {
        Set<TopicPartition> known = new HashSet<>(assignedPartitions);
        pendingSplits.forEach(split -> known.add(split.partition()));
        knownPartitions = Set.copyOf(known);
    }

    /** What one discovery found; handed from the worker to the coordinator thread. */
    private static final class DiscoveryResult {
        final List<KafkaPartitionSplit> splits;
        final Set<String> missing;
        final boolean initial;

        DiscoveryResult(List<KafkaPartitionSplit> splits, Set<String> missing, boolean initial) {
            this.splits = splits;
            this.missing = missing;
            this.initial = initial;
        }
    }

    /** For tests and metrics: partitions handed to readers. */
    Collection<TopicPartition> assignedPartitions() {
        return Set.copyOf(assignedPartitions);
    }
}
