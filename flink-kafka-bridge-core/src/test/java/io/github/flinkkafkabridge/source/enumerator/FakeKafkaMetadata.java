package io.github.flinkkafkabridge.source.enumerator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.apache.kafka.common.TopicPartition;

/**
 * In-memory {@link KafkaMetadata}: topics with partition counts, earliest and latest offsets,
 * timestamp indexes and committed offsets per group. Partitions without configured offsets have
 * earliest offset {@link #DEFAULT_EARLIEST} and latest offset {@link #DEFAULT_LATEST}.
 */
final class FakeKafkaMetadata implements KafkaMetadata {

    static final long DEFAULT_EARLIEST = 0;
    static final long DEFAULT_LATEST = 100;

    private final Map<String, Integer> topics = new HashMap<>();
    private final Map<TopicPartition, Long> earliest = new HashMap<>();
    private final Map<TopicPartition, Long> latest = new HashMap<>();
    private final Map<TopicPartition, NavigableMap<Long, Long>> timestamps = new HashMap<>();
    private final Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    private final Set<TopicPartition> withoutOffsets = new HashSet<>();
    @Nullable private RuntimeException failure;
    final AtomicInteger requests = new AtomicInteger();
    boolean closed;

    FakeKafkaMetadata topic(String name, int partitions) {
        topics.put(name, partitions);
        return this;
    }

    FakeKafkaMetadata offsets(TopicPartition partition, long earliestOffset, long latestOffset) {
        earliest.put(partition, earliestOffset);
        latest.put(partition, latestOffset);
        return this;
    }

    /** The first record with timestamp at or after {@code timestamp} is at {@code offset}. */
    FakeKafkaMetadata record(TopicPartition partition, long timestamp, long offset) {
        timestamps.computeIfAbsent(partition, k -> new TreeMap<>()).put(timestamp, offset);
        return this;
    }

    FakeKafkaMetadata committed(String group, TopicPartition partition, long offset) {
        committed.computeIfAbsent(group, k -> new HashMap<>()).put(partition, offset);
        return this;
    }

    /** Earliest/latest lookups leave this partition out of the answer, as a broken broker would. */
    FakeKafkaMetadata withoutOffsets(TopicPartition partition) {
        withoutOffsets.add(partition);
        return this;
    }

    /** Every request fails with {@code error} until {@link #recover()}. */
    FakeKafkaMetadata failWith(RuntimeException error) {
        this.failure = error;
        return this;
    }

    FakeKafkaMetadata recover() {
        this.failure = null;
        return this;
    }

    private void request() {
        requests.incrementAndGet();
        if (closed) {
            throw new IllegalStateException("metadata client closed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Set<String> listTopics() {
        request();
        return new HashSet<>(topics.keySet());
    }

    @Override
    public Map<String, Integer> partitionCounts(Set<String> names) {
        request();
        Map<String, Integer> counts = new HashMap<>();
        for (String name : names) {
            Integer count = topics.get(name);
            if (count != null) {
                counts.put(name, count);
            }
        }
        return counts;
    }

    @Override
    public Map<TopicPartition, Long> earliestOffsets(Set<TopicPartition> partitions) {
        request();
        return lookup(partitions, earliest, DEFAULT_EARLIEST);
    }

    @Override
    public Map<TopicPartition, Long> latestOffsets(Set<TopicPartition> partitions) {
        request();
        return lookup(partitions, latest, DEFAULT_LATEST);
    }

    private Map<TopicPartition, Long> lookup(
            Set<TopicPartition> partitions, Map<TopicPartition, Long> offsets, long otherwise) {
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition p : partitions) {
            if (!withoutOffsets.contains(p)) {
                result.put(p, offsets.getOrDefault(p, otherwise));
            }
        }
        return result;
    }

    @Override
    public Map<TopicPartition, Long> offsetsForTimestamp(
            Set<TopicPartition> partitions, long epochMillis) {
        request();
        Map<TopicPartition, Long> result = new HashMap<>();
        for (TopicPartition p : partitions) {
            NavigableMap<Long, Long> index = timestamps.get(p);
            if (index != null) {
                Map.Entry<Long, Long> first = index.ceilingEntry(epochMillis);
                if (first != null) {
                    result.put(p, first.getValue());
                }
            }
        }
        return result;
    }

    @Override
    public Map<TopicPartition, Long> committedOffsets(
            String groupId, Set<TopicPartition> partitions) {
        request();
        Map<TopicPartition, Long> result = new HashMap<>(committed.getOrDefault(groupId, Map.of()));
        result.keySet().retainAll(partitions);
        return result;
    }

    @Override
    public void close() {
        closed = true;
    }
}
