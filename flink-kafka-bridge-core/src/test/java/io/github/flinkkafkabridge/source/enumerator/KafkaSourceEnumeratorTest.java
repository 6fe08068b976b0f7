package io.github.flinkkafkabridge.source.enumerator;

import static io.github.flinkkafkabridge.source.split.KafkaPartitionSplit.NO_STOPPING_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaSourceEnumeratorTest {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final FakeKafkaMetadata metadata = new FakeKafkaMetadata();
    private final List<KafkaSourceEnumerator> enumerators = new ArrayList<>();

    @AfterEach
    void closeEnumerators() {
        enumerators.forEach(KafkaSourceEnumerator::close);
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static TestingSplitEnumeratorContext<KafkaPartitionSplit> context(
            int parallelism, int... registered) {
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context =
                new TestingSplitEnumeratorContext<>(parallelism);
        for (int reader : registered) {
            context.registerReader(reader, "host-" + reader);
        }
        return context;
    }

    private KafkaSourceEnumerator enumerator(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context,
            TopicSubscription subscription,
            StartingOffsets starting,
            StoppingOffsets stopping,
            @Nullable Duration interval,
            KafkaEnumeratorState state) {
        KafkaSourceEnumerator enumerator =
                new KafkaSourceEnumerator(
                        context,
                        subscription,
                        starting,
                        stopping,
                        interval,
                        interval == null,
                        "group",
                        () -> metadata,
                        state);
        enumerators.add(enumerator);
        return enumerator;
    }

    /** A one-shot (bounded-style) enumerator over {@code topics}, started. */
    private KafkaSourceEnumerator startOnce(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context, String... topics) {
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of(topics)),
                        StartingOffsets.earliest(),
                        StoppingOffsets.latest(),
                        null,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        return enumerator;
    }

    private static Map<Integer, List<KafkaPartitionSplit>> assignments(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context) {
        Map<Integer, List<KafkaPartitionSplit>> result = new HashMap<>();
        context.getSplitAssignments()
                .forEach((reader, state) -> result.put(reader, state.getAssignedSplits()));
        return result;
    }

    private static List<KafkaPartitionSplit> allAssigned(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context) {
        List<KafkaPartitionSplit> all = new ArrayList<>();
        assignments(context).values().forEach(all::addAll);
        return all;
    }

    private static boolean noMoreSplits(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context, int reader) {
        TestingSplitEnumeratorContext.SplitAssignmentState<KafkaPartitionSplit> state =
                context.getSplitAssignments().get(reader);
        return state != null && state.hasReceivedNoMoreSplitsSignal();
    }

    /** The failure of the periodic discovery task, which the test executor keeps in its future. */
    private static Throwable periodicFailure(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context) {
        List<ScheduledFuture<?>> periodic =
                context.getExecutorService().getAllPeriodicScheduledTask();
        assertThat(periodic).hasSize(1);
        java.util.concurrent.Future<?> discovery = periodic.get(0);
        assertThat(discovery.isDone()).isTrue();
        try {
            discovery.get();
        } catch (Exception e) {
            return e.getCause();
        }
        throw new AssertionError("periodic discovery did not fail");
    }

    private static boolean periodicDiscoveryAlive(
            TestingSplitEnumeratorContext<KafkaPartitionSplit> context) {
        return !context.getExecutorService().getAllPeriodicScheduledTask().get(0).isDone();
    }

    // ---------------------------------------------------------------- assignment

    @Test
    void initialDiscoveryAssignsEveryPartitionExactlyOnceToItsOwner() {
        metadata.topic("a", 5).topic("b", 4);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(3, 0, 1, 2);
        startOnce(context, "a", "b");

        context.triggerAllActions();

        List<KafkaPartitionSplit> all = allAssigned(context);
        assertThat(all).hasSize(9);
        assertThat(all.stream().map(KafkaPartitionSplit::partition).collect(Collectors.toSet()))
                .hasSize(9);
        assignments(context)
                .forEach(
                        (reader, splits) ->
                                assertThat(splits)
                                        .allSatisfy(
                                                s ->
                                                        assertThat(
                                                                        KafkaSourceEnumerator
                                                                                .ownerOf(
                                                                                        s
                                                                                                .partition(),
                                                                                        3))
                                                                .isEqualTo(reader)));
        assertThat(assignments(context)).containsOnlyKeys(0, 1, 2);
        assertThat(all)
                .allSatisfy(
                        s -> {
                            assertThat(s.startingOffset())
                                    .isEqualTo(FakeKafkaMetadata.DEFAULT_EARLIEST);
                            assertThat(s.stoppingOffset())
                                    .isEqualTo(FakeKafkaMetadata.DEFAULT_LATEST);
                        });
    }

    @Test
    void ownerOfIsRoundRobinWithinATopic() {
        for (int parallelism : new int[] {1, 2, 3, 7}) {
            int first = KafkaSourceEnumerator.ownerOf(tp("orders", 0), parallelism);
            Map<Integer, Integer> perReader = new HashMap<>();
            for (int p = 0; p < 3 * parallelism; p++) {
                int owner = KafkaSourceEnumerator.ownerOf(tp("orders", p), parallelism);
                assertThat(owner)
                        .isBetween(0, parallelism - 1)
                        .isEqualTo((first + p) % parallelism);
                perReader.merge(owner, 1, Integer::sum);
            }
            assertThat(perReader.values()).containsOnly(3);
        }
    }

    @Test
    void ownerOfHandlesAnyTopicName() {
        for (String topic : List.of("", "a", "polygenelubricants", "orders", "x".repeat(249))) {
            assertThat(KafkaSourceEnumerator.ownerOf(tp(topic, 5), 4)).isBetween(0, 3);
        }
    }

    @Test
    void withoutPeriodicDiscoveryEveryReaderIsToldNoMoreSplitsCome() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(3, 0, 1, 2);
        startOnce(context, "a");

        assertThat(noMoreSplits(context, 0)).isFalse();
        context.triggerAllActions();

        assertThat(allAssigned(context)).hasSize(1);
        for (int reader = 0; reader < 3; reader++) {
            assertThat(noMoreSplits(context, reader)).as("reader %s", reader).isTrue();
        }
    }

    @Test
    void withPeriodicDiscoveryReadersAreNeverToldNoMoreSplits() {
        metadata.topic("a", 4);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(2, 0, 1);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();

        context.triggerAllActions();
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.stoppingOffset()).isEqualTo(NO_STOPPING_OFFSET));
        assertThat(noMoreSplits(context, 0)).isFalse();
        assertThat(noMoreSplits(context, 1)).isFalse();
    }

    @Test
    void partitionsFoundLaterStartAtEarliestEvenWhenStartingAtLatest() {
        metadata.topic("a", 1).offsets(tp("a", 0), 3, 50);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.pattern(Pattern.compile("a|b")),
                        StartingOffsets.latest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .containsExactly(new KafkaPartitionSplit(tp("a", 0), 50, NO_STOPPING_OFFSET));

        metadata.topic("a", 2).offsets(tp("a", 1), 4, 60).topic("b", 1).offsets(tp("b", 0), 7, 70);
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .containsExactlyInAnyOrder(
                        new KafkaPartitionSplit(tp("a", 0), 50, NO_STOPPING_OFFSET),
                        new KafkaPartitionSplit(tp("a", 1), 4, NO_STOPPING_OFFSET),
                        new KafkaPartitionSplit(tp("b", 0), 7, NO_STOPPING_OFFSET));
        assertThat(enumerator.assignedPartitions())
                .containsExactlyInAnyOrder(tp("a", 0), tp("a", 1), tp("b", 0));

        context.triggerAllActions();
        assertThat(allAssigned(context)).hasSize(3);
    }

    @Test
    void laterPartitionsStillGetStoppingOffsets() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.latest(),
                        StoppingOffsets.specific(Map.of(tp("a", 1), 9L)),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();
        metadata.topic("a", 2).offsets(tp("a", 1), 2, 40);
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .containsExactlyInAnyOrder(
                        new KafkaPartitionSplit(tp("a", 0), 100, 100),
                        new KafkaPartitionSplit(tp("a", 1), 2, 9));
    }

    @Test
    void readerRegisteringLateGetsItsPendingSplits() {
        metadata.topic("a", 4);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(2, 0);
        KafkaSourceEnumerator enumerator = startOnce(context, "a");
        context.triggerAllActions();

        assertThat(assignments(context)).containsOnlyKeys(0);
        assertThat(assignments(context).get(0)).hasSize(2);
        assertThat(noMoreSplits(context, 0)).isTrue();
        assertThat(noMoreSplits(context, 1)).isFalse();
        KafkaEnumeratorState snapshot = enumerator.snapshotState(1);
        assertThat(snapshot.pendingSplits())
                .hasSize(2)
                .allSatisfy(
                        s ->
                                assertThat(KafkaSourceEnumerator.ownerOf(s.partition(), 2))
                                        .isEqualTo(1));
        assertThat(snapshot.assignedPartitions()).hasSize(2);

        context.registerReader(1, "host-1");
        enumerator.addReader(1);

        assertThat(assignments(context).get(1)).hasSize(2);
        assertThat(noMoreSplits(context, 1)).isTrue();
        assertThat(enumerator.snapshotState(2).pendingSplits()).isEmpty();
        assertThat(allAssigned(context).stream().map(KafkaPartitionSplit::partition))
                .containsExactlyInAnyOrder(tp("a", 0), tp("a", 1), tp("a", 2), tp("a", 3));
    }

    @Test
    void readerRegisteringBeforeTheFirstDiscoveryIsNotToldNoMoreSplitsTooEarly() {
        metadata.topic("a", 2);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1);
        KafkaSourceEnumerator enumerator = startOnce(context, "a");

        context.registerReader(0, "host-0");
        enumerator.addReader(0);
        assertThat(noMoreSplits(context, 0)).isFalse();
        assertThat(allAssigned(context)).isEmpty();

        context.triggerAllActions();

        assertThat(allAssigned(context)).hasSize(2);
        assertThat(noMoreSplits(context, 0)).isTrue();
    }

    @Test
    void splitsAddedBackAreReassignedWhenTheReaderRegistersAgain() {
        metadata.topic("a", 4);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(2, 0, 1);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();
        List<KafkaPartitionSplit> ofReader1 = new ArrayList<>(assignments(context).get(1));
        assertThat(ofReader1).hasSize(2);

        // As Flink's source coordinator does: the failed reader is unregistered first, then its
        // splits of the last checkpoint come back.
        context.registeredReaders().remove(1);
        List<KafkaPartitionSplit> progressed = new ArrayList<>();
        ofReader1.forEach(s -> progressed.add(s.withStartingOffset(s.startingOffset() + 17)));
        enumerator.addSplitsBack(progressed, 1);

        KafkaEnumeratorState snapshot = enumerator.snapshotState(1);
        assertThat(snapshot.pendingSplits()).containsExactlyInAnyOrderElementsOf(progressed);
        assertThat(snapshot.assignedPartitions())
                .doesNotContainAnyElementsOf(
                        progressed.stream().map(KafkaPartitionSplit::partition).toList());

        // a discovery while the reader is away must not assign them a second time
        context.triggerAllActions();
        assertThat(assignments(context).get(1)).hasSize(2);

        context.registerReader(1, "host-1");
        enumerator.addReader(1);

        assertThat(assignments(context).get(1)).hasSize(4).containsAll(progressed);
        assertThat(enumerator.snapshotState(2).pendingSplits()).isEmpty();
        assertThat(enumerator.assignedPartitions()).hasSize(4);
    }

    @Test
    void restoredEnumeratorDoesNotReassignAndReadsNewPartitionsFromEarliest() {
        metadata.topic("a", 2).offsets(tp("a", 0), 1, 10).offsets(tp("a", 1), 1, 10);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> first = context(2, 0);
        KafkaSourceEnumerator before =
                enumerator(
                        first,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.latest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        before.start();
        first.triggerAllActions();
        KafkaEnumeratorState snapshot = before.snapshotState(7);
        assertThat(snapshot.initialDiscoveryFinished()).isTrue();
        assertThat(snapshot.assignedPartitions()).hasSize(1);
        assertThat(snapshot.pendingSplits()).hasSize(1);

        KafkaEnumeratorStateSerializer serializer = new KafkaEnumeratorStateSerializer();
        KafkaEnumeratorState restoredState;
        try {
            restoredState = serializer.deserialize(1, serializer.serialize(snapshot));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        metadata.topic("a", 3).offsets(tp("a", 2), 5, 10);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> second = context(2, 0, 1);
        KafkaSourceEnumerator after =
                enumerator(
                        second,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.latest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        restoredState);
        after.start();
        second.triggerAllActions();

        Set<TopicPartition> previouslyAssigned = snapshot.assignedPartitions();
        List<KafkaPartitionSplit> assignedNow = allAssigned(second);
        assertThat(assignedNow.stream().map(KafkaPartitionSplit::partition))
                .doesNotContainAnyElementsOf(previouslyAssigned);
        assertThat(assignedNow)
                .containsExactlyInAnyOrder(
                        snapshot.pendingSplits().get(0),
                        new KafkaPartitionSplit(tp("a", 2), 5, NO_STOPPING_OFFSET));
    }

    @Test
    void restoredPendingSplitsGoToTheirReaderOnRegistration() {
        KafkaPartitionSplit pending = new KafkaPartitionSplit(tp("a", 0), 42, 50);
        int owner = KafkaSourceEnumerator.ownerOf(tp("a", 0), 2);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(2);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.latest(),
                        null,
                        new KafkaEnumeratorState(Set.of(), List.of(pending), true));
        metadata.topic("a", 1);
        enumerator.start();

        context.registerReader(owner, "h");
        enumerator.addReader(owner);

        assertThat(assignments(context).get(owner)).containsExactly(pending);
        assertThat(noMoreSplits(context, owner)).isFalse();

        context.triggerAllActions();

        assertThat(assignments(context).get(owner)).containsExactly(pending);
        assertThat(noMoreSplits(context, owner)).isTrue();
    }

    @Test
    void restoredOneShotEnumeratorWaitsForItsDiscoveryBeforeSignallingNoMoreSplits() {
        // The job ran a bounded read of a-0; a-1 was created before the restore.
        metadata.topic("a", 2).offsets(tp("a", 1), 3, 9);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.latest(),
                        null,
                        new KafkaEnumeratorState(Set.of(tp("a", 0)), List.of(), true));
        enumerator.start();

        context.registerReader(0, "host-0");
        enumerator.addReader(0);

        assertThat(noMoreSplits(context, 0))
                .as("no-more-splits before the discovery of this run finished")
                .isFalse();

        context.triggerAllActions();

        assertThat(allAssigned(context)).containsExactly(new KafkaPartitionSplit(tp("a", 1), 3, 9));
        assertThat(noMoreSplits(context, 0)).isTrue();
    }

    // ---------------------------------------------------------------- missing topics, errors

    @Test
    void missingTopicFailsWhenDiscoveryRunsOnce() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        startOnce(context, "a", "ghost");

        assertThatThrownBy(context::triggerAllActions)
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("topics [a, ghost]")
                .hasMessageContaining("[ghost] do(es) not exist")
                .hasMessageContaining("setPartitionDiscoveryInterval");
        assertThat(allAssigned(context)).isEmpty();
    }

    @Test
    void missingTopicOnlyWarnsWithPeriodicDiscoveryAndIsReadOnceCreated() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a", "later")),
                        StartingOffsets.latest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();

        context.triggerAllActions();
        context.triggerAllActions();

        assertThat(periodicDiscoveryAlive(context)).isTrue();
        assertThat(allAssigned(context))
                .containsExactly(new KafkaPartitionSplit(tp("a", 0), 100, NO_STOPPING_OFFSET));

        metadata.topic("later", 1).offsets(tp("later", 0), 8, 30);
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .contains(new KafkaPartitionSplit(tp("later", 0), 8, NO_STOPPING_OFFSET));
    }

    @Test
    void missingPartitionFailsWhenDiscoveryRunsOnce() {
        metadata.topic("a", 2);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.partitions(Set.of(tp("a", 1), tp("a", 5))),
                        StartingOffsets.earliest(),
                        StoppingOffsets.latest(),
                        null,
                        KafkaEnumeratorState.initial());
        enumerator.start();

        assertThatThrownBy(context::triggerAllActions)
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("[a-5]");
    }

    @Test
    void metadataErrorOnTheFirstDiscoveryFailsNamingTheSubscription() {
        metadata.failWith(new KafkaMetadataException("Timed out listing topics at broker:9092"));
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        startOnce(context, "orders");

        assertThatThrownBy(context::triggerAllActions)
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("could not discover the partitions of topics [orders]")
                .hasMessageContaining("Timed out listing topics at broker:9092")
                .hasCauseInstanceOf(KafkaMetadataException.class);
    }

    @Test
    void metadataErrorOnTheFirstPeriodicDiscoveryFails() {
        metadata.failWith(new KafkaMetadataException("unreachable"));
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.pattern(Pattern.compile("o.*")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();

        context.triggerAllActions();

        assertThat(periodicFailure(context))
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("topic pattern 'o.*'")
                .hasMessageContaining("unreachable");
    }

    @Test
    void metadataErrorOnALaterDiscoveryOnlyWarns() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();
        assertThat(allAssigned(context)).hasSize(1);

        metadata.failWith(new KafkaMetadataException("leader not available"));
        context.triggerAllActions();
        assertThat(periodicDiscoveryAlive(context)).isTrue();

        metadata.recover().topic("a", 2);
        context.triggerAllActions();
        assertThat(allAssigned(context)).hasSize(2);
    }

    @Test
    void offsetResolutionFailureOfALaterDiscoveryOnlyWarns() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();

        metadata.topic("a", 2).withoutOffsets(tp("a", 1));
        context.triggerAllActions();

        assertThat(periodicDiscoveryAlive(context)).isTrue();
        assertThat(allAssigned(context)).hasSize(1);
        assertThat(enumerator.snapshotState(1).pendingSplits()).isEmpty();
    }

    @Test
    void committedStartingOffsetsUseTheGroup() {
        metadata.topic("a", 2).committed("group", tp("a", 0), 33);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.committed(),
                        StoppingOffsets.latest(),
                        null,
                        KafkaEnumeratorState.initial());
        enumerator.start();
        context.triggerAllActions();

        assertThat(allAssigned(context))
                .containsExactlyInAnyOrder(
                        new KafkaPartitionSplit(tp("a", 0), 33, 100),
                        new KafkaPartitionSplit(tp("a", 1), 0, 100));
    }

    @Test
    void closeClosesTheMetadataClient() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator = startOnce(context, "a");
        context.triggerAllActions();

        enumerator.close();

        assertThat(metadata.closed).isTrue();
    }

    @Test
    void closeBeforeStartDoesNothing() {
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1);
        KafkaSourceEnumerator enumerator =
                enumerator(
                        context,
                        TopicSubscription.topics(List.of("a")),
                        StartingOffsets.earliest(),
                        StoppingOffsets.none(),
                        INTERVAL,
                        KafkaEnumeratorState.initial());

        enumerator.close();

        assertThat(metadata.closed).isFalse();
    }

    @Test
    void splitRequestsAreIgnored() {
        metadata.topic("a", 1);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(1, 0);
        KafkaSourceEnumerator enumerator = startOnce(context, "a");
        context.triggerAllActions();
        int before = allAssigned(context).size();

        enumerator.handleSplitRequest(0, "host-0");

        assertThat(allAssigned(context)).hasSize(before);
    }

    @Test
    void snapshotIsAnIndependentCopy() {
        metadata.topic("a", 2);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context = context(2, 0);
        KafkaSourceEnumerator enumerator = startOnce(context, "a");
        context.triggerAllActions();
        KafkaEnumeratorState snapshot = enumerator.snapshotState(1);
        Set<TopicPartition> assignedAtSnapshot = new HashSet<>(snapshot.assignedPartitions());

        context.registerReader(1, "h");
        enumerator.addReader(1);

        assertThat(snapshot.assignedPartitions()).isEqualTo(assignedAtSnapshot);
        assertThat(snapshot.pendingSplits()).hasSize(1);
        assertThat(enumerator.snapshotState(2).assignedPartitions()).hasSize(2);
    }
}
