package io.github.flinkkafkabridge.source.reader;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reader with its real fetcher thread over {@link MockConsumer}s. Every wait is on a future or
 * a queue (bounded only as a safety net), never a sleep.
 */
class KafkaSourceReaderTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final long SAFETY_TIMEOUT_SECONDS = 60;

    /** Offset commits of every consumer the reader created, in order. */
    private final BlockingQueue<Map<TopicPartition, OffsetAndMetadata>> commits =
            new LinkedBlockingQueue<>();

    private final List<MockConsumer<byte[], byte[]>> consumers = new CopyOnWriteArrayList<>();
    private final List<KafkaSourceReader<String>> readers = new ArrayList<>();

    @AfterEach
    void closeReaders() throws Exception {
        for (KafkaSourceReader<String> reader : readers) {
            reader.close();
        }
    }

    private MockConsumer<byte[], byte[]> newConsumer() {
        MockConsumer<byte[], byte[]> consumer =
                new MockConsumer<>("earliest") {
                    @Override
                    public synchronized void commitAsync(
                            Map<TopicPartition, OffsetAndMetadata> offsets,
                            OffsetCommitCallback callback) {
                        super.commitAsync(offsets, callback);
                        commits.add(Map.copyOf(offsets));
                    }
                };
        consumers.add(consumer);
        return consumer;
    }

    private KafkaSourceReader<String> reader(MockConsumer<byte[], byte[]> first, boolean commit) {
        List<MockConsumer<byte[], byte[]>> handedOut = new ArrayList<>();
        KafkaSourceReader<String> reader =
                KafkaSourceReader.create(
                        new TestingReaderContext(),
                        () -> {
                            synchronized (handedOut) {
                                MockConsumer<byte[], byte[]> c =
                                        handedOut.isEmpty() ? first : newConsumer();
                                handedOut.add(c);
                                return c;
                            }
                        },
                        "localhost:9092",
                        KafkaRecordDeserializer.utf8Values(),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(10),
                        null,
                        commit,
                        true,
                        BadRecordPolicy.fail(),
                        null);
        readers.add(reader);
        reader.start();
        return reader;
    }

    /** Adds records to {@code consumer} at its next poll, from the fetcher thread. */
    private static void recordsAtNextPoll(
            MockConsumer<byte[], byte[]> consumer, long fromInclusive, long toExclusive) {
        consumer.schedulePollTask(
                () -> {
                    for (long offset = fromInclusive; offset < toExclusive; offset++) {
                        consumer.addRecord(
                                new ConsumerRecord<>(
                                        TP0.topic(),
                                        TP0.partition(),
                                        offset,
                                        null,
                                        ("v" + offset).getBytes(StandardCharsets.UTF_8)));
                    }
                });
    }

    private static void pollUntil(
            KafkaSourceReader<String> reader, TestingReaderOutput<String> output, int elements)
            throws Exception {
        while (output.getEmittedRecords().size() < elements) {
            InputStatus status = reader.pollNext(output);
            assertThat(status).isNotEqualTo(InputStatus.END_OF_INPUT);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static void pollUntilEndOfInput(
            KafkaSourceReader<String> reader, TestingReaderOutput<String> output) throws Exception {
        InputStatus status;
        while ((status = reader.pollNext(output)) != InputStatus.END_OF_INPUT) {
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Waits for the next offset commit while the task thread keeps polling the reader, as Flink's
     * mailbox does: the commit is a fetcher task that runs once the current fetch was handed over.
     */
    private Map<TopicPartition, OffsetAndMetadata> nextCommit(
            KafkaSourceReader<String> reader, TestingReaderOutput<String> output) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commit;
        while ((commit = commits.poll()) == null) {
            InputStatus status = reader.pollNext(output);
            if (status == InputStatus.NOTHING_AVAILABLE) {
                reader.isAvailable().get(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else if (status == InputStatus.END_OF_INPUT) {
                commit = commits.poll(SAFETY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                break;
            }
        }
        assertThat(commit).as("an offset commit").isNotNull();
        return commit;
    }

    @Test
    void snapshotHoldsThePositionAfterTheLastEmittedRecord() throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        KafkaSourceReader<String> reader = reader(consumer, false);
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        recordsAtNextPoll(consumer, 5, 8);

        reader.addSplits(List.of(new KafkaPartitionSplit(TP0, 5, NO_STOPPING_OFFSET)));
        pollUntil(reader, output, 3);

        assertThat(output.getEmittedRecords()).containsExactly("v5", "v6", "v7");
        assertThat(reader.snapshotState(1))
                .containsExactly(new KafkaPartitionSplit(TP0, 8, NO_STOPPING_OFFSET));
    }

    @Test
    void offsetsOfACompletedCheckpointAreCommitted() throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        KafkaSourceReader<String> reader = reader(consumer, true);
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        recordsAtNextPoll(consumer, 0, 3);
        reader.addSplits(List.of(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET)));
        pollUntil(reader, output, 3);

        assertThat(reader.snapshotState(1))
                .containsExactly(new KafkaPartitionSplit(TP0, 3, NO_STOPPING_OFFSET));
        reader.notifyCheckpointComplete(1);

        assertThat(nextCommit(reader, output))
                .containsExactly(Map.entry(TP0, new OffsetAndMetadata(3)));
    }

    @Test
    void aLaterCheckpointSubsumesEarlierOnes() throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        KafkaSourceReader<String> reader = reader(consumer, true);
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        recordsAtNextPoll(consumer, 0, 2);
        reader.addSplits(List.of(new KafkaPartitionSplit(TP0, 0, NO_STOPPING_OFFSET)));
        pollUntil(reader, output, 2);
        reader.snapshotState(1);
        recordsAtNextPoll(consumer, 2, 5);
        pollUntil(reader, output, 5);
        reader.snapshotState(2);

        reader.notifyCheckpointComplete(2);
        assertThat(nextCommit(reader, output))
                .containsExactly(Map.entry(TP0, new OffsetAndMetadata(5)));

        // checkpoint 1 was subsumed: its late notification commits nothing
        reader.notifyCheckpointComplete(1);
        recordsAtNextPoll(consumer, 5, 6);
        pollUntil(reader, output, 6);
        reader.snapshotState(3);
        reader.notifyCheckpointComplete(3);
        assertThat(nextCommit(reader, output))
                .containsExactly(Map.entry(TP0, new OffsetAndMetadata(6)));
        assertThat(commits).isEmpty();
    }

    @Test
    void boundedSplitEndsInputAndItsFinalOffsetIsCommittedByAFreshConsumer() throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        KafkaSourceReader<String> reader = reader(consumer, true);
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        recordsAtNextPoll(consumer, 0, 6);
        reader.addSplits(List.of(new KafkaPartitionSplit(TP0, 0, 3)));
        reader.notifyNoMoreSplits();

        pollUntilEndOfInput(reader, output);

        assertThat(output.getEmittedRecords()).containsExactly("v0", "v1", "v2");
        assertThat(reader.snapshotState(1)).isEmpty();

        reader.notifyCheckpointComplete(1);

        assertThat(nextCommit(reader, output))
                .containsExactly(Map.entry(TP0, new OffsetAndMetadata(3)));
        assertThat(consumers).hasSize(2);
    }

    // ---------------------------------------------------------------- dead-letter state

    private static final KafkaWriterState PENDING =
            new KafkaWriterState(
                    "dlq",
                    1,
                    0,
                    5,
                    List.of(
                            new KafkaCommittable(
                                    "dlq-1-0-0", new ProducerSession(7, (short) 1, true))));

    /** Hands out a fixed state at every checkpoint and records what the reader tells it. */
    private static final class RecordingDeadLetterWriter extends DeadLetterWriter {
        final List<String> calls = new ArrayList<>();
        final List<KafkaWriterState> restored = new ArrayList<>();
        KafkaWriterState state = PENDING;

        RecordingDeadLetterWriter() {
            super("dlq-topic", "localhost:9092");
        }

        @Override
        protected org.apache.kafka.clients.producer.Producer<byte[], byte[]> producerForWrite() {
            throw new UnsupportedOperationException();
        }

        @Override
        KafkaWriterState snapshotState(long checkpointId) {
            calls.add("snapshot " + checkpointId);
            return state;
        }

        @Override
        void restoreState(KafkaWriterState state) {
            calls.add("restore");
            restored.add(state);
        }

        @Override
        void recover() {
            calls.add("recover");
        }

        @Override
        void notifyCheckpointComplete(long checkpointId) {
            calls.add("complete " + checkpointId);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private KafkaSourceReader<String> deadLetteringReader(
            MockConsumer<byte[], byte[]> consumer, DeadLetterWriter writer) {
        KafkaSourceReader<String> reader =
                KafkaSourceReader.createWithWriter(
                        new TestingReaderContext(),
                        () -> consumer,
                        "localhost:9092",
                        KafkaRecordDeserializer.utf8Values(),
                        Duration.ofMillis(10),
                        Duration.ofSeconds(10),
                        null,
                        false,
                        true,
                        BadRecordPolicy.deadLetter("dlq-topic"),
                        writer);
        readers.add(reader);
        return reader;
    }

    @Test
    void restoredDeadLetterStateReachesTheWriterBeforeItRecoversAndRidesOnTheFirstSplit()
            throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        RecordingDeadLetterWriter writer = new RecordingDeadLetterWriter();
        KafkaSourceReader<String> reader = deadLetteringReader(consumer, writer);
        TopicPartition tp1 = new TopicPartition("t", 1);

        // As Flink restores: the checkpointed splits first, then start().
        reader.addSplits(
                List.of(
                        new KafkaPartitionSplit(TP0, 5, NO_STOPPING_OFFSET)
                                .withDeadLetterState(PENDING),
                        new KafkaPartitionSplit(tp1, 2, NO_STOPPING_OFFSET)));
        reader.start();

        assertThat(writer.restored).containsExactly(PENDING);
        assertThat(writer.calls).containsExactly("restore", "recover");

        List<KafkaPartitionSplit> snapshot = reader.snapshotState(1);
        assertThat(snapshot).hasSize(2);
        assertThat(snapshot.stream().filter(split -> split.deadLetterState() != null))
                .singleElement()
                .isEqualTo(snapshot.get(0).withDeadLetterState(PENDING));
        assertThat(snapshot)
                .extracting(split -> split.withDeadLetterState(null))
                .containsExactlyInAnyOrder(
                        new KafkaPartitionSplit(TP0, 5, NO_STOPPING_OFFSET),
                        new KafkaPartitionSplit(tp1, 2, NO_STOPPING_OFFSET));

        reader.notifyCheckpointComplete(1);
        readers.remove(reader);
        reader.close();
        assertThat(writer.calls).endsWith("snapshot 1", "complete 1", "close");
    }

    @Test
    void withNoSplitLeftPendingDeadLettersRideOnTheLastFinishedSplit() throws Exception {
        MockConsumer<byte[], byte[]> consumer = newConsumer();
        RecordingDeadLetterWriter writer = new RecordingDeadLetterWriter();
        KafkaSourceReader<String> reader = deadLetteringReader(consumer, writer);
        reader.start();
        TestingReaderOutput<String> output = new TestingReaderOutput<>();
        recordsAtNextPoll(consumer, 0, 6);
        reader.addSplits(List.of(new KafkaPartitionSplit(TP0, 0, 3)));
        reader.notifyNoMoreSplits();
        pollUntilEndOfInput(reader, output);

        // Restored, the carrier is empty: the reader finishes it at once and reads nothing.
        assertThat(reader.snapshotState(1))
                .containsExactly(new KafkaPartitionSplit(TP0, 3, 3).withDeadLetterState(PENDING));

        writer.state = new KafkaWriterState("dlq", 1, 0, 5, List.of());
        assertThat(reader.snapshotState(2)).as("nothing left to commit").isEmpty();
    }
}
