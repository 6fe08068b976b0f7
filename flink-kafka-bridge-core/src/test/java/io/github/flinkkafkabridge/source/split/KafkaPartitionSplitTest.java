package io.github.flinkkafkabridge.source.split;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaPartitionSplitTest {

    private static final TopicPartition TP = new TopicPartition("orders", 3);

    @Test
    void splitIdIsTopicDashPartition() {
        assertThat(new KafkaPartitionSplit(TP, 0, 10).splitId()).isEqualTo("orders-3");
        assertThat(KafkaPartitionSplit.splitId(new TopicPartition("a-b", 12))).isEqualTo("a-b-12");
    }

    @Test
    void boundedAndEmpty() {
        KafkaPartitionSplit unbounded = new KafkaPartitionSplit(TP, 5, NO_STOPPING_OFFSET);
        KafkaPartitionSplit bounded = new KafkaPartitionSplit(TP, 5, 10);
        KafkaPartitionSplit emptyAtEnd = new KafkaPartitionSplit(TP, 10, 10);
        KafkaPartitionSplit emptyPastEnd = new KafkaPartitionSplit(TP, 11, 10);
        KafkaPartitionSplit emptyAtZero = new KafkaPartitionSplit(TP, 0, 0);

        assertThat(unbounded.isBounded()).isFalse();
        assertThat(unbounded.isEmpty()).isFalse();
        assertThat(bounded.isBounded()).isTrue();
        assertThat(bounded.isEmpty()).isFalse();
        assertThat(emptyAtEnd.isEmpty()).isTrue();
        assertThat(emptyPastEnd.isEmpty()).isTrue();
        assertThat(emptyAtZero.isEmpty()).isTrue();
    }

    @Test
    void rejectsNegativeOffsetsAndNullPartition() {
        assertThatThrownBy(() -> new KafkaPartitionSplit(TP, -1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Starting offset of orders-3")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new KafkaPartitionSplit(TP, 0, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stopping offset of orders-3")
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> new KafkaPartitionSplit(null, 0, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void withStartingOffsetKeepsPartitionAndStop() {
        KafkaPartitionSplit split = new KafkaPartitionSplit(TP, 5, 10);

        KafkaPartitionSplit moved = split.withStartingOffset(8);

        assertThat(moved.partition()).isEqualTo(TP);
        assertThat(moved.startingOffset()).isEqualTo(8);
        assertThat(moved.stoppingOffset()).isEqualTo(10);
        assertThat(split.startingOffset()).isEqualTo(5);
    }

    @Test
    void equalsAndHashCode() {
        KafkaPartitionSplit a = new KafkaPartitionSplit(TP, 1, 2);

        assertThat(a).isEqualTo(new KafkaPartitionSplit(new TopicPartition("orders", 3), 1, 2));
        assertThat(a).hasSameHashCodeAs(new KafkaPartitionSplit(TP, 1, 2));
        assertThat(a).isNotEqualTo(new KafkaPartitionSplit(TP, 0, 2));
        assertThat(a).isNotEqualTo(new KafkaPartitionSplit(TP, 1, 3));
        assertThat(a).isNotEqualTo(new KafkaPartitionSplit(new TopicPartition("orders", 4), 1, 2));
        assertThat(a).isNotEqualTo("orders-3");
    }

    @Test
    void toStringShowsRange() {
        assertThat(new KafkaPartitionSplit(TP, 1, 2))
                .hasToString("KafkaPartitionSplit{orders-3 [1, 2)}");
        assertThat(new KafkaPartitionSplit(TP, 1, NO_STOPPING_OFFSET))
                .hasToString("KafkaPartitionSplit{orders-3 [1, unbounded)}");
    }

    @Test
    void stateTracksNextOffsetAndCheckpointsTheRemainder() {
        KafkaPartitionSplit split = new KafkaPartitionSplit(TP, 5, 10);
        KafkaPartitionSplitState state = new KafkaPartitionSplitState(split);

        assertThat(state.nextOffset()).isEqualTo(5);
        assertThat(state.toSplit()).isEqualTo(split);

        state.setNextOffset(7);

        assertThat(state.nextOffset()).isEqualTo(7);
        assertThat(state.split()).isSameAs(split);
        assertThat(state.toSplit()).isEqualTo(new KafkaPartitionSplit(TP, 7, 10));
    }
}
