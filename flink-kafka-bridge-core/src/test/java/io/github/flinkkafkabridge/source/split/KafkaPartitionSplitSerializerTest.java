package io.github.flinkkafkabridge.source.split;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaPartitionSplitSerializerTest {

    private final KafkaPartitionSplitSerializer serializer = new KafkaPartitionSplitSerializer();

    static Stream<KafkaPartitionSplit> splits() {
        return Stream.of(
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
    }

    @Test
    void versionIsOne() {
        assertThat(serializer.getVersion()).isEqualTo(1);
    }

    @Test
    void unknownVersionFailsWithAClearMessage() throws IOException {
        byte[] bytes =
                serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 0), 0, 1));

        assertThatThrownBy(() -> serializer.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown KafkaPartitionSplit serializer version 2")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void truncatedBytesFail() throws IOException {
        byte[] bytes =
                serializer.serialize(new KafkaPartitionSplit(new TopicPartition("t", 0), 0, 1));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> serializer.deserialize(1, truncated))
                .isInstanceOf(IOException.class);
    }
}
