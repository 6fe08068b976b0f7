package io.github.flinkkafkabridge.source.enumerator;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaEnumeratorStateSerializerTest {

    private final KafkaEnumeratorStateSerializer serializer = new KafkaEnumeratorStateSerializer();

    private KafkaEnumeratorState roundTrip(KafkaEnumeratorState state) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
    }

    @Test
    void initialState() throws IOException {
        KafkaEnumeratorState copy = roundTrip(KafkaEnumeratorState.initial());

        assertThat(copy).isEqualTo(KafkaEnumeratorState.initial());
        assertThat(copy.assignedPartitions()).isEmpty();
        assertThat(copy.pendingSplits()).isEmpty();
        assertThat(copy.initialDiscoveryFinished()).isFalse();
    }

    @Test
    void boundedAndUnboundedPendingSplits() throws IOException {
        KafkaEnumeratorState state =
                new KafkaEnumeratorState(
                        Set.of(new TopicPartition("a", 0), new TopicPartition("b", 1)),
                        List.of(
                                new KafkaPartitionSplit(new TopicPartition("a", 1), 5, 10),
                                new KafkaPartitionSplit(
                                        new TopicPartition("c", 0), 0, NO_STOPPING_OFFSET)),
                        true);

        KafkaEnumeratorState copy = roundTrip(state);

        assertThat(copy).isEqualTo(state);
        assertThat(copy.assignedPartitions())
                .containsExactlyInAnyOrder(new TopicPartition("a", 0), new TopicPartition("b", 1));
        assertThat(copy.pendingSplits()).containsExactlyElementsOf(state.pendingSplits());
        assertThat(copy.initialDiscoveryFinished()).isTrue();
    }

    @Test
    void manyPartitions() throws IOException {
        Set<TopicPartition> assigned = new HashSet<>();
        List<KafkaPartitionSplit> pending = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            assigned.add(new TopicPartition("topic-" + (i % 17), i));
            pending.add(new KafkaPartitionSplit(new TopicPartition("other", i), i, i * 2L + 1));
        }
        KafkaEnumeratorState state = new KafkaEnumeratorState(assigned, pending, false);

        KafkaEnumeratorState copy = roundTrip(state);

        assertThat(copy.assignedPartitions()).isEqualTo(assigned);
        assertThat(copy.pendingSplits()).containsExactlyElementsOf(pending);
        assertThat(copy.initialDiscoveryFinished()).isFalse();
    }

    @Test
    void unknownVersionFailsWithAClearMessage() throws IOException {
        byte[] bytes = serializer.serialize(KafkaEnumeratorState.initial());

        assertThatThrownBy(() -> serializer.deserialize(0, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown KafkaEnumeratorState serializer version 0")
                .hasMessageContaining("reads version 1");
    }

    @Test
    void stateIsImmutableAndEqualityIgnoresPendingOrder() {
        Set<TopicPartition> assigned = new HashSet<>(Set.of(new TopicPartition("a", 0)));
        List<KafkaPartitionSplit> pending =
                new ArrayList<>(
                        List.of(
                                new KafkaPartitionSplit(new TopicPartition("b", 0), 0, 1),
                                new KafkaPartitionSplit(new TopicPartition("b", 1), 0, 1)));
        KafkaEnumeratorState state = new KafkaEnumeratorState(assigned, pending, true);
        assigned.add(new TopicPartition("z", 0));
        pending.clear();

        assertThat(state.assignedPartitions()).containsExactly(new TopicPartition("a", 0));
        assertThat(state.pendingSplits()).hasSize(2);
        assertThatThrownBy(() -> state.assignedPartitions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.pendingSplits().clear())
                .isInstanceOf(UnsupportedOperationException.class);

        KafkaEnumeratorState reordered =
                new KafkaEnumeratorState(
                        Set.of(new TopicPartition("a", 0)),
                        List.of(
                                new KafkaPartitionSplit(new TopicPartition("b", 1), 0, 1),
                                new KafkaPartitionSplit(new TopicPartition("b", 0), 0, 1)),
                        true);
        assertThat(state).isEqualTo(reordered).hasSameHashCodeAs(reordered);
        assertThat(state)
                .isNotEqualTo(
                        new KafkaEnumeratorState(
                                state.assignedPartitions(), state.pendingSplits(), false));
    }
}
