package io.github.flinkkafkabridge.source.split;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaPartitionSplitSerializerTest {

    private final KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();

    private static final KafkaWriterState DEAD_LETTERS =
            new KafkaWriterState(
                    "orders-dlq",
                    4,
                    2,
                    5,
                    List.of(
                            new KafkaCommittable(
                                    "orders-dlq-4-2-0", new ProducerSession(17, (short) 3, true)),
                            new KafkaCommittable(
                                    "orders-dlq-4-2-1",
                                    new ProducerSession(18, (short) 0, false))));

    static Stream<KafkaPartitionSplit> splits() {
        return Stream.of(
                new KafkaPartitionSplit(new TopicPartition("orders", 3), 5, NO_STOPPING_OFFSET)
                        .withDeadLetterState(DEAD_LETTERS),
                new KafkaPartitionSplit(new TopicPartition("orders", 4), 9, 9)
                        .withDeadLetterState(new KafkaWriterState("p", 1, 0, 5, List.of())),
                new KafkaPartitionSplit(new TopicPartition("orders", 0), 0, NO_STOPPING_OFFSET),
                new KafkaPartitionSplit(new TopicPartition("orders", 7), 42, 100),
                new KafkaPartitionSplit(new TopicPartition("orders", 1), 100, 100),
                new KafkaPartitionSplit(
                        new TopicPartition("tøpic.with-ünicode_" + "x".repeat(200), 999),
                        Long.MAX_VALUE - 1,
                        NO_STOPPING_OFFSET));
    }

    @ParameterizedTest
    @MethodSource("splits")
    void roundTrip(KafkaPartitionSplit split) throws IOException {
        byte[] bytes = serializer.serialize(split);

        KafkaPartitionSplit copy = serializer.deserialize(serializer.getVersion(), bytes);

        assertThat(copy).isEqualTo(split);
        assertThat(copy.isBounded()).isEqualTo(split.isBounded());
        assertThat(copy.splitId()).isEqualTo(split.splitId());
        assertThat(copy.deadLetterState()).isEqualTo(split.deadLetterState());
    }

    @Test
    void versionIsTwo() {
        assertThat(serializer.getVersion()).isEqualTo(2);
    }

    @Test
    void splitsOfVersionOneCheckpointsAreReadWithoutDeadLetterState() throws IOException {
        KafkaPartitionSplit split =
                new KafkaPartitionSplit(new TopicPartition("orders", 7), 42, 100);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            // Version 1 wrote exactly this: topic, partition, starting and stopping offset.
            out.writeUTF("orders");
            out.writeInt(7);
            out.writeLong(42);
            out.writeLong(100);
        }

        KafkaPartitionSplit copy = serializer.deserialize(1, bytes.toByteArray());

        assertThat(copy).isEqualTo(split);
        assertThat(copy.deadLetterState()).isNull();
    }

    @Test
    void theStartingOffsetOfACheckpointedSplitDropsTheDeadLetterState() {
        KafkaPartitionSplit carrier =
                new KafkaPartitionSplit(new TopicPartition("orders", 3), 5, 10)
                        .withDeadLetterState(DEAD_LETTERS);

        assertThat(carrier.withStartingOffset(6).deadLetterState()).isNull();
        assertThat(carrier.withDeadLetterState(null))
                .isEqualTo(new KafkaPartitionSplit(new TopicPartition("orders", 3), 5, 10));
        assertThat(carrier.toString()).contains("orders-dlq-4-2-0");
    }

    @Test
    void unknownVersionFailsWithAClearMessage() throws IOException {
        byte[] bytes =
                serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 0), 0, 1));

        assertThatThrownBy(() -> serializer.deserialize(3, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown KafkaPartitionSplit serializer version 3")
                .hasMessageContaining("reads versions 1 and 2");
    }

    @Test
    void truncatedBytesFail() throws IOException {
        byte[] bytes =
                serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 0), 0, 1));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> serializer.deserialize(2, truncated))
                .isInstanceOf(IOException.class);
    }
}
