package io.github.flinkkafkabridge.source.enumerator;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.source.ResetStrategy;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetsResolverTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);
    private static final Set<TopicPartition> ALL = Set.of(P0, P1, P2);

    private final FakeKafkaMetadata metadata =
            new FakeKafkaMetadata()
                    .topic("t", 3)
                    .offsets(P0, 0, 10)
                    .offsets(P1, 5, 20)
                    .offsets(P2, 7, 30);

    private final OffsetsResolver resolver = new OffsetsResolver(metadata, "group");

    // ---------------------------------------------------------------- starting

    @Test
    void startingEarliest() {
        assertThat(resolver.starting(StartingOffsets.earliest(), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 0L, P1, 5L, P2, 7L));
        assertThat(resolver.earliest(Set.of(P1))).containsExactlyEntriesOf(Map.of(P1, 5L));
    }

    @Test
    void startingLatest() {
        assertThat(resolver.starting(StartingOffsets.latest(), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 20L, P2, 30L));
    }

    @Test
    void startingTimestampFallsBackToLatestWhereNoRecordIsAtOrAfterIt() {
        metadata.record(P0, 1_000, 3).record(P0, 2_000, 6).record(P1, 1_500, 12);

        Map<TopicPartition, Long> offsets =
                resolver.starting(StartingOffsets.timestamp(1_200), ALL);

        assertThat(offsets).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 6L, P1, 12L, P2, 30L));
    }

    @Test
    void startingCommittedWithEarliestFallback() {
        metadata.committed("group", P0, 4).committed("other-group", P1, 99);

        assertThat(resolver.starting(StartingOffsets.committed(), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 4L, P1, 5L, P2, 7L));
    }

    @Test
    void startingCommittedWithLatestFallback() {
        metadata.committed("group", P2, 8);

        assertThat(resolver.starting(StartingOffsets.committed(ResetStrategy.LATEST), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 20L, P2, 8L));
    }

    @Test
    void startingCommittedWithNoneFallbackNamesThePartitionsWithoutOffset() {
        metadata.committed("group", P1, 8);

        assertThatThrownBy(
                        () -> resolver.starting(StartingOffsets.committed(ResetStrategy.NONE), ALL))
                .isInstanceOf(KafkaMetadataException.class)
                .hasMessageContaining("[t-0, t-2]")
                .hasMessageContaining("no offset committed by consumer group 'group'")
                .hasMessageContaining("ResetStrategy.NONE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t-1"));
    }

    @Test
    void startingCommittedWithNoneFallbackSucceedsWhenAllAreCommitted() {
        metadata.committed("group", P0, 1).committed("group", P1, 2).committed("group", P2, 3);

        assertThat(resolver.starting(StartingOffsets.committed(ResetStrategy.NONE), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 1L, P1, 2L, P2, 3L));
    }

    @Test
    void startingCommittedWithoutGroupFails() {
        OffsetsResolver noGroup = new OffsetsResolver(metadata, null);

        assertThatThrownBy(() -> noGroup.starting(StartingOffsets.committed(), ALL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setGroupId");
    }

    @Test
    void startingSpecificWithDefaultEarliestFallback() {
        Map<TopicPartition, Long> offsets =
                resolver.starting(
                        StartingOffsets.specific(
                                Map.of(P0, 3L, new TopicPartition("unrelated", 0), 9L)),
                        ALL);

        assertThat(offsets).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 3L, P1, 5L, P2, 7L));
    }

    @Test
    void startingSpecificWithLatestFallback() {
        assertThat(
                        resolver.starting(
                                StartingOffsets.specific(Map.of(P1, 15L), ResetStrategy.LATEST),
                                ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 15L, P2, 30L));
    }

    @Test
    void startingSpecificWithNoneFallback() {
        assertThatThrownBy(
                        () ->
                                resolver.starting(
                                        StartingOffsets.specific(
                                                Map.of(P1, 15L), ResetStrategy.NONE),
                                        ALL))
                .isInstanceOf(KafkaMetadataException.class)
                .hasMessageContaining("[t-0, t-2]")
                .hasMessageContaining("StartingOffsets.specific");
        assertThat(
                        resolver.starting(
                                StartingOffsets.specific(Map.of(P1, 15L), ResetStrategy.NONE),
                                Set.of(P1)))
                .containsExactlyEntriesOf(Map.of(P1, 15L));
    }

    @Test
    void missingAnswerFromKafkaFailsNamingThePartition() {
        metadata.withoutOffsets(P2);

        assertThatThrownBy(() -> resolver.starting(StartingOffsets.earliest(), ALL))
                .isInstanceOf(KafkaMetadataException.class)
                .hasMessage("Kafka returned no earliest offset for partitions [t-2]");
        assertThatThrownBy(() -> resolver.stopping(StoppingOffsets.latest(), ALL))
                .isInstanceOf(KafkaMetadataException.class)
                .hasMessage("Kafka returned no latest offset for partitions [t-2]");
    }

    @Test
    void metadataErrorsPropagate() {
        metadata.failWith(new KafkaMetadataException("cluster unreachable"));

        assertThatThrownBy(() -> resolver.starting(StartingOffsets.latest(), ALL))
                .isInstanceOf(KafkaMetadataException.class)
                .hasMessage("cluster unreachable");
    }

    @Test
    void emptyPartitionSetResolvesToNothing() {
        assertThat(resolver.starting(StartingOffsets.committed(ResetStrategy.NONE), Set.of()))
                .isEmpty();
        assertThat(resolver.stopping(StoppingOffsets.latest(), Set.of())).isEmpty();
    }

    // ---------------------------------------------------------------- stopping

    @Test
    void stoppingNoneNeverStopsAndAsksNothing() {
        int before = metadata.requests.get();

        assertThat(resolver.stopping(StoppingOffsets.none(), ALL))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                P0, NO_STOPPING_OFFSET,
                                P1, NO_STOPPING_OFFSET,
                                P2, NO_STOPPING_OFFSET));
        assertThat(metadata.requests.get()).isEqualTo(before);
    }

    @Test
    void stoppingLatest() {
        assertThat(resolver.stopping(StoppingOffsets.latest(), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 20L, P2, 30L));
    }

    @Test
    void stoppingTimestampFallsBackToLatest() {
        metadata.record(P0, 500, 2).record(P1, 100, 6);

        assertThat(resolver.stopping(StoppingOffsets.timestamp(400), ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 2L, P1, 20L, P2, 30L));
    }

    @Test
    void stoppingSpecificFallsBackToLatest() {
        assertThat(
                        resolver.stopping(
                                StoppingOffsets.specific(
                                        Map.of(P2, 8L, new TopicPartition("x", 0), 1L)),
                                ALL))
                .containsExactlyInAnyOrderEntriesOf(Map.of(P0, 10L, P1, 20L, P2, 8L));
    }
}
