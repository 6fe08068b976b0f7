package io.github.flinkkafkabridge.source.reader;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaPartitionSplitReaderTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);
    private static final String SERVERS = "broker-1:9093";

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final KafkaPartitionSplitReader reader =
            new KafkaPartitionSplitReader(
                    consumer, SERVERS, Duration.ofMillis(5), Duration.ofSeconds(5));

    @AfterEach
    void close() {
        if (!consumer.closed()) {
            reader.close();
        }
    }

    /** What one fetch handed out: offsets per split id, and the finished split ids. */
    private static final class Fetched {
        final Map<String, List<Long>> offsets = new LinkedHashMap<>();
        final Set<String> finished = new HashSet<>();

        List<Long> of(TopicPartition partition) {
            return offsets.getOrDefault(KafkaPartitionSplit.splitId(partition), List.of());
        }
    }

    private Fetched fetch() {
        RecordsWithSplitIds<ConsumerRecord<byte[], byte[]>> records = reader.fetch();
        Fetched fetched = new Fetched();
        String split;
        while ((split = records.nextSplit()) != null) {
            List<Long> offsets = fetched.offsets.computeIfAbsent(split, k -> new ArrayList<>());
            ConsumerRecord<byte[], byte[]> record;
            while ((record = records.nextRecordFromSplit()) != null) {
                assertThat(
                                KafkaPartitionSplit.splitId(
                                        new TopicPartition(record.topic(), record.partition())))
                        .isEqualTo(split);
                offsets.add(record.offset());
            }
        }
        fetched.finished.addAll(records.finishedSplits());
        return fetched;
    }

    private void add(KafkaPartitionSplit... splits) {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(splits)));
    }

    private void records(TopicPartition partition, long fromInclusive, long toExclusive) {
        for (long offset = fromInclusive; offset < toExclusive; offset++) {
            consumer.addRecord(
                    new ConsumerRecord<>(
                            partition.topic(),
                            partition.partition(),
                            offset,
                            null,
                            new byte[] {(byte) offset}));
        }
    }

    @Test
    void readsAssignedSplitsFromTheirStartingOffsets() {
        add(
                new KafkaPartitionSplit(TP0, 5, NO_STOPPING_OFFSET),
                new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET));
        assertThat(consumer.assignment()).containsExactlyInAnyOrder(TP0, TP1);
        assertThat(consumer.position(TP0)).isEqualTo(5);
        records(TP0, 0, 8);
        records(TP1, 0, 2);

        Fetched fetched = fetch();

        assertThat(fetched.of(TP0)).containsExactly(5L, 6L, 7L);
        assertThat(fetched.of(TP1)).containsExactly(0L, 1L);
        assertThat(fetched.finished).isEmpty();
        assertThat(consumer.subscription()).as("manual assignment, no group membership").isEmpty();
    }

    @Test
    void fetchWithoutAssignmentDoesNotPoll() {
        consumer.setPollException(new KafkaException("must not poll"));

        Fetched fetched = fetch();

        assertThat(fetched.offsets).isEmpty();
        assertThat(fetched.finished).isEmpty();
        assertThat(consumer.lastPollTimeout()).isNull();
    }

    @Test
    void boundedSplitFinishesAtItsStoppingOffsetAndHidesLaterRecords() {
        add(
                new KafkaPartitionSplit(TP0, 0, 3),
                new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET));
        records(TP0, 0, 6);
        records(TP1, 0, 2);

        Fetched fetched = fetch();

        assertThat(fetched.of(TP0)).containsExactly(0L, 1L, 2L);
        assertThat(fetched.of(TP1)).containsExactly(0L, 1L);
        assertThat(fetched.finished).containsExactly("t-0");
        assertThat(consumer.assignment()).containsExactly(TP1);

        records(TP1, 2, 4);
        Fetched next = fetch();
        assertThat(next.of(TP1)).containsExactly(2L, 3L);
        assertThat(next.offsets).doesNotContainKey("t-0");
        assertThat(next.finished).isEmpty();
    }

    @Test
    void boundedSplitFinishesOnlyWhenTheLastRecordBeforeTheStopIsRead() {
        add(new KafkaPartitionSplit(TP0, 2, 10));
        records(TP0, 2, 6);

        Fetched first = fetch();
        assertThat(first.of(TP0)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(first.finished).isEmpty();

        Fetched idle = fetch();
        assertThat(idle.of(TP0)).isEmpty();
        assertThat(idle.finished).isEmpty();

        records(TP0, 6, 12);
        Fetched last = fetch();
        assertThat(last.of(TP0)).containsExactly(6L, 7L, 8L, 9L);
        assertThat(last.finished).containsExactly("t-0");
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void emptySplitIsReportedFinishedWithoutPolling() {
        consumer.setPollException(new KafkaException("must not poll"));

        add(new KafkaPartitionSplit(TP0, 7, 7), new KafkaPartitionSplit(TP1, 9, 4));

        assertThat(consumer.assignment()).isEmpty();
        Fetched fetched = fetch();
        assertThat(fetched.offsets).isEmpty();
        assertThat(fetched.finished).containsExactlyInAnyOrder("t-0", "t-1");
        assertThat(consumer.lastPollTimeout()).isNull();

        Fetched again = fetch();
        assertThat(again.finished).isEmpty();
    }

    @Test
    void emptySplitNextToAReadableOne() {
        add(
                new KafkaPartitionSplit(TP0, 7, 7),
                new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET));
        records(TP1, 0, 1);

        assertThat(fetch().finished).containsExactly("t-0");
        assertThat(consumer.assignment()).containsExactly(TP1);
        assertThat(fetch().of(TP1)).containsExactly(0L);
    }

    @Test
    void stoppingOffsetReachedThroughAPositionGap() {
        add(new KafkaPartitionSplit(TP0, 0, 10));
        records(TP0, 0, 8);

        Fetched first = fetch();
        assertThat(first.of(TP0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(first.finished).isEmpty();

        // Offsets 8 and 9 hold transaction markers: the position moves past the stopping offset
        // while no record at stop - 1 is ever returned.
        consumer.schedulePollTask(() -> consumer.seek(TP0, 10));
        Fetched second = fetch();

        assertThat(second.of(TP0)).isEmpty();
        assertThat(second.finished).containsExactly("t-0");
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void pausedSplitIsNotReadUntilResumed() {
        KafkaPartitionSplit split0 = new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET);
        KafkaPartitionSplit split1 = new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET);
        add(split0, split1);

        reader.pauseOrResumeSplits(List.of(split0), List.of());
        assertThat(consumer.paused()).containsExactly(TP0);
        records(TP0, 0, 2);
        records(TP1, 0, 2);

        Fetched whilePaused = fetch();
        assertThat(whilePaused.of(TP0)).isEmpty();
        assertThat(whilePaused.of(TP1)).containsExactly(0L, 1L);
        assertThat(consumer.position(TP0)).isZero();

        reader.pauseOrResumeSplits(List.of(), List.of(split0));
        assertThat(consumer.paused()).isEmpty();
        records(TP0, 0, 3);

        assertThat(fetch().of(TP0)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void pausingOrResumingUnassignedSplitsIsIgnored() {
        add(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET));
        KafkaPartitionSplit unassigned = new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET);

        reader.pauseOrResumeSplits(List.of(unassigned), List.of(unassigned));

        assertThat(consumer.paused()).isEmpty();
        assertThat(consumer.assignment()).containsExactly(TP0);
    }

    @Test
    void wakeUpMakesTheFetchReturnEmptyAndKeepsTheRecords() {
        add(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET));
        records(TP0, 0, 3);

        reader.wakeUp();
        Fetched woken = fetch();

        assertThat(woken.offsets).isEmpty();
        assertThat(woken.finished).isEmpty();
        assertThat(consumer.position(TP0)).isZero();
        assertThat(fetch().of(TP0)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void wakeUpDuringABlockedPollEndsIt() {
        add(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET));
        // The wake-up arrives while poll() is running (from the poll task, before records).
        consumer.schedulePollTask(reader::wakeUp);
        records(TP0, 0, 1);

        assertThat(fetch().offsets).isEmpty();
        assertThat(fetch().of(TP0)).containsExactly(0L);
    }

    @Test
    void removedSplitIsNoLongerRead() {
        KafkaPartitionSplit split0 = new KafkaPartitionSplit(TP0, 0, 100);
        add(split0, new KafkaPartitionSplit(TP1, 0, NO_STOPPING_OFFSET));

        reader.handleSplitsChanges(new SplitsRemoval<>(List.of(split0)));

        assertThat(consumer.assignment()).containsExactly(TP1);
        records(TP1, 0, 1);
        Fetched fetched = fetch();
        assertThat(fetched.of(TP1)).containsExactly(0L);
        assertThat(fetched.finished).isEmpty();
    }

    @Test
    void splitsAddedLaterJoinTheAssignment() {
        add(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET));
        records(TP0, 0, 1);
        fetch();

        add(new KafkaPartitionSplit(TP1, 4, NO_STOPPING_OFFSET));

        assertThat(consumer.assignment()).containsExactlyInAnyOrder(TP0, TP1);
        assertThat(consumer.position(TP0)).isEqualTo(1);
        assertThat(consumer.position(TP1)).isEqualTo(4);
    }

    @Test
    void commitWithoutAssignmentIsSynchronousAndCallsTheCallback() {
        List<Map<TopicPartition, OffsetAndMetadata>> syncCommits = new ArrayList<>();
        MockConsumer<byte[], byte[]> recording =
                new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void commitSync(
                            Map<TopicPartition, OffsetAndMetadata> offsets) {
                        syncCommits.add(offsets);
                        super.commitSync(offsets);
                    }
                };
        KafkaPartitionSplitReader idle =
                new KafkaPartitionSplitReader(
                        recording, SERVERS, Duration.ofMillis(5), Duration.ofSeconds(1));
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(TP0, new OffsetAndMetadata(42));
        AtomicReference<Map<TopicPartition, OffsetAndMetadata>> committed = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>(new Exception("not called"));

        idle.commitOffsets(
                offsets,
                (c, e) -> {
                    committed.set(c);
                    error.set(e);
                });

        assertThat(syncCommits).containsExactly(offsets);
        assertThat(committed.get()).isEqualTo(offsets);
        assertThat(error.get()).isNull();
        idle.close();
    }

    @Test
    void rejectedCredentialsFailTheFetchNamingServersAndSettings() {
        reader.handleSplitsChanges(
                new SplitsAddition<>(List.of(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET))));
        consumer.setPollException(new SaslAuthenticationException("Invalid username or password"));

        assertThatThrownBy(reader::fetch)
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining(
                        "Authentication failed: Kafka at broker-1:9093 rejected the credentials of"
                                + " the KafkaBridgeSource reader's consumer")
                .hasMessageContaining("sasl.jaas.config")
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void rejectedCredentialsReachTheCommitCallbackExplained() {
        MockConsumer<byte[], byte[]> rejected =
                new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void commitSync(
                            Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
                        throw new SaslAuthenticationException("Invalid username or password");
                    }
                };
        KafkaPartitionSplitReader rejectedReader =
                new KafkaPartitionSplitReader(
                        rejected, SERVERS, Duration.ofMillis(5), Duration.ofSeconds(1));
        AtomicReference<Exception> error = new AtomicReference<>();

        rejectedReader.commitOffsets(Map.of(TP0, new OffsetAndMetadata(1)), (c, e) -> error.set(e));

        assertThat(error.get())
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining("broker-1:9093")
                .hasCauseInstanceOf(SaslAuthenticationException.class);
        rejectedReader.close();
    }

    @Test
    void failedSynchronousCommitIsReportedToTheCallback() {
        MockConsumer<byte[], byte[]> failing =
                new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void commitSync(
                            Map<TopicPartition, OffsetAndMetadata> offsets) {
                        throw new KafkaException("coordinator not available");
                    }
                };
        KafkaPartitionSplitReader failingReader =
                new KafkaPartitionSplitReader(
                        failing, SERVERS, Duration.ofMillis(5), Duration.ofSeconds(1));
        AtomicReference<Exception> error = new AtomicReference<>();

        failingReader.commitOffsets(Map.of(TP0, new OffsetAndMetadata(1)), (c, e) -> error.set(e));

        assertThat(error.get()).isInstanceOf(KafkaException.class);
        failingReader.close();
    }

    @Test
    void commitWhileReadingIsAsynchronous() {
        MockConsumer<byte[], byte[]> recording =
                new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void commitSync(
                            Map<TopicPartition, OffsetAndMetadata> offsets) {
                        throw new AssertionError("must not block while partitions are assigned");
                    }
                };
        KafkaPartitionSplitReader busy =
                new KafkaPartitionSplitReader(
                        recording, SERVERS, Duration.ofMillis(5), Duration.ofSeconds(1));
        busy.handleSplitsChanges(
                new SplitsAddition<>(List.of(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET))));
        AtomicReference<Map<TopicPartition, OffsetAndMetadata>> committed = new AtomicReference<>();

        busy.commitOffsets(Map.of(TP0, new OffsetAndMetadata(3)), (c, e) -> committed.set(c));

        assertThat(committed.get()).containsEntry(TP0, new OffsetAndMetadata(3));
        assertThat(recording.committed(Set.of(TP0))).containsEntry(TP0, new OffsetAndMetadata(3));
        busy.close();
    }

    @Test
    void closeClosesTheConsumer() {
        reader.close();

        assertThat(consumer.closed()).isTrue();
    }
}
