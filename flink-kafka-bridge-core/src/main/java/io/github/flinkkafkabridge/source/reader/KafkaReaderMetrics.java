package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.SourcePartitionMetrics;
import io.github.flinkkafkabridge.metrics.SourceReaderMetrics;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Connects one source reader to its {@link SourceReaderMetrics}: maps Kafka partitions to their
 * metrics and turns polls, assignments and finished splits into metric updates. Created by {@link
 * KafkaSourceReader#create} when metrics are on; the fetcher thread calls {@link #onPoll} and
 * {@link #onSeek}, the task thread the rest.
 */
final class KafkaReaderMetrics {

    /**
     * How often a busy fetcher refreshes fetch positions and log ends: a poll returns every few
     * hundred records, so at millions of records a second, refreshing at every poll would cost
     * about as much as the per-record counters.
     */
    static final long POSITION_REFRESH_MILLIS = 50;

    private final SourceReaderMetrics metrics;
    private final Map<TopicPartition, SourcePartitionMetrics> partitions =
            new ConcurrentHashMap<>();

    /** When positions and log ends were last refreshed, if ever; fetcher thread only. */
    private long positionsRefreshedAt;

    private boolean positionsRefreshed;

    KafkaReaderMetrics(SourceReaderMetrics metrics) {
        this.metrics = metrics;
    }

    /** Registers the reader's metrics in its Flink metric group. */
    static KafkaReaderMetrics register(SourceReaderMetricGroup group) {
        return new KafkaReaderMetrics(SourceReaderMetrics.register(group, MetricsClock.system()));
    }

    /** The reader-level metrics: error, skip and dead-letter counters, totals. */
    SourceReaderMetrics reader() {
        return metrics;
    }

    /** The metrics of a partition, registered on first use. */
    SourcePartitionMetrics partition(TopicPartition partition) {
        SourcePartitionMetrics existing = partitions.get(partition);
        if (existing != null) {
            return existing;
        }
        return partitions.computeIfAbsent(
                partition, p -> metrics.partition(p.topic(), p.partition()));
    }

    /** A split was added to the reader. Task thread. */
    void onSplitAssigned(KafkaPartitionSplit split) {
        partition(split.partition()).assigned(split.startingOffset(), split.stoppingOffset());
    }

    /** A split reached its end. Task thread. */
    void onSplitFinished(KafkaPartitionSplit split) {
        partition(split.partition()).finished();
    }

    /** The consumer was positioned at {@code offset}. Fetcher thread. */
    void onSeek(TopicPartition partition, long offset) {
        partition(partition).fetchPosition(offset);
    }

    /**
     * After a poll: samples the fetch lag and, at most every {@link #POSITION_REFRESH_MILLIS} (and
     * after any poll that returned nothing), moves fetch positions and takes the log end from the
     * consumer's lag, which it knows locally from the fetch responses. Fetcher thread.
     */
    void onPoll(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer) {
        long now = metrics.clock().currentTimeMillis();
        boolean refresh =
                !positionsRefreshed
                        || records.isEmpty()
                        || now - positionsRefreshedAt >= POSITION_REFRESH_MILLIS;
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> fetched = records.records(tp);
            metrics.recordFetched(now, fetched.size(), i -> fetched.get(i).timestamp());
            if (refresh && !fetched.isEmpty()) {
                partition(tp).fetchPosition(fetched.get(fetched.size() - 1).offset() + 1);
            }
        }
        if (!refresh) {
            return;
        }
        positionsRefreshed = true;
        positionsRefreshedAt = now;
        // Transaction markers and compaction put the position past the last record.
        for (Map.Entry<TopicPartition, OffsetAndMetadata> next : records.nextOffsets().entrySet()) {
            partition(next.getKey()).fetchPosition(next.getValue().offset());
        }
        try {
            for (TopicPartition tp : consumer.assignment()) {
                OptionalLong lag = consumer.currentLag(tp);
                if (lag.isPresent()) {
                    partition(tp).consumerLag(lag.getAsLong());
                }
            }
        } catch (WakeupException e) {
            // The poll already returned; the fetcher loop handles what the wake-up was for.
        }
    }
}
