package io.github.flinkkafkabridge.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaPartitionFetchTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    private static List<ConsumerRecord<byte[], byte[]>> records(
            TopicPartition partition, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long offset = from; offset < to; offset++) {
            records.add(
                    new ConsumerRecord<>(
                            partition.topic(), partition.partition(), offset, null, null));
        }
        return records;
    }

    private static Map<String, List<Long>> drain(KafkaPartitionFetch fetch) {
        Map<String, List<Long>> result = new LinkedHashMap<>();
        String split;
        while ((split = fetch.nextSplit()) != null) {
            List<Long> offsets = result.computeIfAbsent(split, k -> new ArrayList<>());
            ConsumerRecord<byte[], byte[]> record;
            while ((record = fetch.nextRecordFromSplit()) != null) {
                offsets.add(record.offset());
            }
        }
        return result;
    }

    @Test
    void walksEveryPartitionAndHidesRecordsAtOrPastTheStop() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition =
                new LinkedHashMap<>();
        byPartition.put(TP0, records(TP0, 0, 5));
        byPartition.put(TP1, records(TP1, 3, 6));

        KafkaPartitionFetch fetch =
                new KafkaPartitionFetch(
                        new ConsumerRecords<>(byPartition, Map.of()),
                        Map.of(TP0, 2L),
                        Set.of("t-0"));

        assertThat(drain(fetch))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("t-0", List.of(0L, 1L), "t-1", List.of(3L, 4L, 5L)));
        assertThat(fetch.finishedSplits()).containsExactly("t-0");
        assertThat(fetch.nextRecordFromSplit()).isNull();
    }

    @Test
    void emptyAndFinishedOnlyFetches() {
        assertThat(drain(KafkaPartitionFetch.empty())).isEmpty();
        assertThat(KafkaPartitionFetch.empty().finishedSplits()).isEmpty();
        assertThat(KafkaPartitionFetch.empty().nextRecordFromSplit()).isNull();

        KafkaPartitionFetch finished = KafkaPartitionFetch.finished(Set.of("t-3"));
        assertThat(drain(finished)).isEmpty();
        assertThat(finished.finishedSplits()).containsExactly("t-3");
    }
}
