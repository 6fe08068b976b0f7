package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the assigned partitions with one Kafka consumer (manual assignment, no group membership).
 * Owned by the single split fetcher of a reader and called only from the fetcher thread, which is
 * also the only thread that touches the consumer (offset commits arrive as fetcher tasks).
 *
 * <p>When the cluster rejects the consumer's credentials, {@link #fetch()} throws a {@link
 * KafkaBridgeAuthenticationException} and a commit reports one to its callback.
 */
final class KafkaPartitionSplitReader
        implements SplitReader<ConsumerRecord<byte[], byte[]>, KafkaPartitionSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPartitionSplitReader.class);

    /** The client named in messages about rejected credentials. */
    static final String CLIENT = "the KafkaBridgeSource reader's consumer";

    private final Consumer<byte[], byte[]> consumer;
    private final String bootstrapServers;
    private final Duration pollTimeout;
    private final Duration commitTimeout;

    /** Stopping offsets of the assigned bounded splits. */
    private final Map<TopicPartition, Long> stoppingOffsets = new HashMap<>();

    /** Splits with nothing to read, reported finished by the next fetch. */
    private final Set<String> emptySplits = new HashSet<>();

    /** Null when the source's metrics are switched off. */
    @Nullable private final KafkaReaderMetrics metrics;

    /**
     * @param bootstrapServers the cluster the consumer reads, for error messages
     */
    KafkaPartitionSplitReader(
            Consumer<byte[], byte[]> consumer,
            String bootstrapServers,
            Duration pollTimeout,
            Duration commitTimeout) {
        this(consumer, bootstrapServers, pollTimeout, commitTimeout, null);
    }

    /**
     * @param bootstrapServers the cluster the consumer reads, for error messages
     */
    KafkaPartitionSplitReader(
            Consumer<byte[], byte[]> consumer,
            String bootstrapServers,
            Duration pollTimeout,
            Duration commitTimeout,
            @Nullable KafkaReaderMetrics metrics) {
        this.consumer = consumer;
        this.bootstrapServers = bootstrapServers;
        this.pollTimeout = pollTimeout;
        this.commitTimeout = commitTimeout;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<ConsumerRecord<byte[], byte[]>> fetch() {
        if (!emptySplits.isEmpty()) {
            Set<String> finished = Set.copyOf(emptySplits);
            emptySplits.clear();
            return KafkaPartitionFetch.finished(finished);
        }
        if (consumer.assignment().isEmpty()) {
            return KafkaPartitionFetch.empty();
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (WakeupException e) {
            return KafkaPartitionFetch.empty();
        } catch (KafkaException e) {
            AuthenticationFailures.rethrowIfAuthentication(e, CLIENT, bootstrapServers);
            throw e;
        }
        if (metrics != null) {
            metrics.onPoll(records, consumer);
        }
        if (stoppingOffsets.isEmpty()) {
            return new KafkaPartitionFetch(records, Map.of(), Set.of());
        }
        return boundedFetch(records);
    }

    private KafkaPartitionFetch boundedFetch(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> stops = Map.copyOf(stoppingOffsets);
        Set<String> finished = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> entry : stops.entrySet()) {
            TopicPartition partition = entry.getKey();
            long stop = entry.getValue();
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(partition);
            boolean reachedEnd =
                    !fetched.isEmpty() && fetched.get(fetched.size() - 1).offset() >= stop - 1;
            // Transaction markers and compaction leave gaps, so the last record may sit before
            // the stopping offset while the position is already past it.
            if (reachedEnd || positionOf(partition) >= stop) {
                finished.add(KafkaPartitionSplit.splitId(partition));
                stoppingOffsets.remove(partition);
            }
        }
        if (!finished.isEmpty()) {
            Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
            remaining.removeIf(p -> finished.contains(KafkaPartitionSplit.splitId(p)));
            consumer.assign(remaining);
            LOG.debug("Reached the stopping offset of {}", finished);
        }
        return new KafkaPartitionFetch(records, stops, finished);
    }

    /**
     * The consumer position, retried once if a wake-up lands here: the records of the current poll
     * are already taken from the consumer and must reach the reader.
     */
    private long positionOf(TopicPartition partition) {
        try {
            try {
                return consumer.position(partition);
            } catch (WakeupException e) {
                return consumer.position(partition);
            }
        } catch (KafkaException e) {
            AuthenticationFailures.rethrowIfAuthentication(e, CLIENT, bootstrapServers);
            throw e;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<KafkaPartitionSplit> splitsChanges) {
        if (splitsChanges instanceof SplitsAddition) {
            addSplits(splitsChanges.splits());
        } else if (splitsChanges instanceof SplitsRemoval) {
            removeSplits(splitsChanges.splits());
        } else {
            throw new UnsupportedOperationException(
                    "Unsupported splits change " + splitsChanges.getClass().getName());
        }
    }

    private void addSplits(List<KafkaPartitionSplit> splits) {
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (KafkaPartitionSplit split : splits) {
            if (split.isEmpty()) {
                emptySplits.add(split.splitId());
                continue;
            }
            assignment.add(split.partition());
            seeks.put(split.partition(), split.startingOffset());
            if (split.isBounded()) {
                stoppingOffsets.put(split.partition(), split.stoppingOffset());
            }
        }
        consumer.assign(assignment);
        seeks.forEach(consumer::seek);
        if (metrics != null) {
            seeks.forEach(metrics::onSeek);
        }
        LOG.debug("Reading {} from offsets {}", assignment, seeks);
    }

    private void removeSplits(List<KafkaPartitionSplit> splits) {
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        for (KafkaPartitionSplit split : splits) {
            assignment.remove(split.partition());
            stoppingOffsets.remove(split.partition());
        }
        consumer.assign(assignment);
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<KafkaPartitionSplit> splitsToPause,
            Collection<KafkaPartitionSplit> splitsToResume) {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> pause = new HashSet<>();
        splitsToPause.forEach(s -> pause.add(s.partition()));
        pause.retainAll(assigned);
        Set<TopicPartition> resume = new HashSet<>();
        splitsToResume.forEach(s -> resume.add(s.partition()));
        resume.retainAll(assigned);
        consumer.pause(pause);
        consumer.resume(resume);
    }

    /**
     * Commits offsets to the consumer group. Asynchronous while partitions are assigned (the next
     * poll completes it); synchronous and bounded when nothing is assigned, since no poll follows.
     * An authentication failure reaches {@code callback} as a {@link
     * KafkaBridgeAuthenticationException}.
     */
    void commitOffsets(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        OffsetCommitCallback explaining =
                (committed, error) -> callback.onComplete(committed, explained(error));
        if (consumer.assignment().isEmpty()) {
            try {
                consumer.commitSync(offsets, commitTimeout);
                explaining.onComplete(offsets, null);
            } catch (RuntimeException e) {
                explaining.onComplete(offsets, e);
            }
        } else {
            consumer.commitAsync(offsets, explaining);
        }
    }

    @Nullable
    private Exception explained(@Nullable Exception error) {
        KafkaBridgeAuthenticationException authentication =
                AuthenticationFailures.explain(error, CLIENT, bootstrapServers);
        return authentication != null ? authentication : error;
    }

    @Override
    public void wakeUp() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
    }
}
