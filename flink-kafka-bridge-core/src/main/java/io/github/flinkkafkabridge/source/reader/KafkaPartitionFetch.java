package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one {@code poll()}, handed from the fetcher thread to the reader thread without
 * copying: it walks the {@link ConsumerRecords} partition by partition and hides records at or past
 * a split's stopping offset.
 */
final class KafkaPartitionFetch implements RecordsWithSplitIds<ConsumerRecord<byte[], byte[]>> {

    private static final KafkaPartitionFetch EMPTY =
            new KafkaPartitionFetch(ConsumerRecords.empty(), Map.of(), Set.of());

    private final ConsumerRecords<byte[], byte[]> records;
    private final Iterator<TopicPartition> partitions;

    /** Stopping offsets of the bounded splits in this fetch. */
    private final Map<TopicPartition, Long> stoppingOffsets;

    private final Set<String> finishedSplits;

    @Nullable private Iterator<ConsumerRecord<byte[], byte[]>> current;
    private long currentStop = KafkaPartitionSplit.NO_STOPPING_OFFSET;

    KafkaPartitionFetch(
            ConsumerRecords<byte[], byte[]> records,
            Map<TopicPartition, Long> stoppingOffsets,
            Set<String> finishedSplits) {
        this.records = records;
        this.partitions = records.partitions().iterator();
        this.stoppingOffsets = stoppingOffsets;
        this.finishedSplits = finishedSplits;
    }

    /** A fetch with no records and no finished split. */
    static KafkaPartitionFetch empty() {
        return EMPTY;
    }

    /** A fetch with no records that only reports {@code finishedSplits}. */
    static KafkaPartitionFetch finished(Set<String> finishedSplits) {
        return new KafkaPartitionFetch(ConsumerRecords.empty(), Map.of(), finishedSplits);
    }

    @Nullable
    @Override
    public String nextSplit() {
        if (!partitions.hasNext()) {
            current = null;
            return null;
        }
        TopicPartition partition = partitions.next();
        List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
        current = partitionRecords.iterator();
        currentStop =
                stoppingOffsets.getOrDefault(partition, KafkaPartitionSplit.NO_STOPPING_OFFSET);
        return KafkaPartitionSplit.splitId(partition);
    }

    @Nullable
    @Override
    public ConsumerRecord<byte[], byte[]> nextRecordFromSplit() {
        Iterator<ConsumerRecord<byte[], byte[]>> it = current;
        if (it == null || !it.hasNext()) {
            return null;
        }
        ConsumerRecord<byte[], byte[]> record = it.next();
        if (record.offset() >= currentStop) {
            current = Collections.emptyIterator();
            return null;
        }
        return record;
    }

    @Override
    public Set<String> finishedSplits() {
        return finishedSplits;
    }
}
