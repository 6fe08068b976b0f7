package io.github.flinkkafkabridge.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicSubscriptionTest {

    private final FakeKafkaMetadata metadata =
            new FakeKafkaMetadata()
                    .topic("orders", 3)
                    .topic("orders-eu", 1)
                    .topic("payments", 2)
                    .topic("xorders", 1);

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    @Test
    void topicsFindsEveryPartition() {
        TopicSubscription.Discovery d =
                TopicSubscription.topics(List.of("orders", "payments")).discover(metadata);

        assertThat(d.partitions())
                .containsExactlyInAnyOrder(
                        tp("orders", 0),
                        tp("orders", 1),
                        tp("orders", 2),
                        tp("payments", 0),
                        tp("payments", 1));
        assertThat(d.missing()).isEmpty();
    }

    @Test
    void topicsReportsMissingTopicsSorted() {
        TopicSubscription.Discovery d =
                TopicSubscription.topics(List.of("zeta", "orders", "alpha")).discover(metadata);

        assertThat(d.partitions()).hasSize(3).allMatch(p -> p.topic().equals("orders"));
        assertThat(d.missing()).containsExactly("alpha", "zeta");
    }

    @Test
    void topicWithoutPartitionsYieldsNone() {
        metadata.topic("empty", 0);

        TopicSubscription.Discovery d =
                TopicSubscription.topics(List.of("empty")).discover(metadata);

        assertThat(d.partitions()).isEmpty();
        assertThat(d.missing()).isEmpty();
    }

    @Test
    void patternMatchesWholeNamesOnly() {
        TopicSubscription.Discovery d =
                TopicSubscription.pattern(Pattern.compile("orders")).discover(metadata);

        assertThat(d.partitions())
                .containsExactlyInAnyOrder(tp("orders", 0), tp("orders", 1), tp("orders", 2));
        assertThat(d.missing()).isEmpty();
    }

    @Test
    void patternWithWildcard() {
        TopicSubscription.Discovery d =
                TopicSubscription.pattern(Pattern.compile("orders.*")).discover(metadata);

        assertThat(d.partitions())
                .containsExactlyInAnyOrder(
                        tp("orders", 0), tp("orders", 1), tp("orders", 2), tp("orders-eu", 0));
    }

    @Test
    void patternMatchingNothingReportsThePattern() {
        TopicSubscription.Discovery d =
                TopicSubscription.pattern(Pattern.compile("nothing-.*")).discover(metadata);

        assertThat(d.partitions()).isEmpty();
        assertThat(d.missing()).containsExactly("pattern 'nothing-.*'");
    }

    @Test
    void partitionsKeepsOnlyExistingOnesAndNamesTheOthers() {
        TopicSubscription.Discovery d =
                TopicSubscription.partitions(
                                Set.of(
                                        tp("orders", 0),
                                        tp("orders", 2),
                                        tp("orders", 3),
                                        tp("ghost", 0)))
                        .discover(metadata);

        assertThat(d.partitions()).containsExactlyInAnyOrder(tp("orders", 0), tp("orders", 2));
        assertThat(d.missing()).containsExactly("ghost-0", "orders-3");
    }

    @Test
    void newTopicsAndPartitionsAreFoundByLaterDiscoveries() {
        TopicSubscription pattern = TopicSubscription.pattern(Pattern.compile("pay.*"));
        assertThat(pattern.discover(metadata).partitions()).hasSize(2);

        metadata.topic("payments", 4).topic("payouts", 1);

        assertThat(pattern.discover(metadata).partitions())
                .hasSize(5)
                .contains(tp("payments", 3), tp("payouts", 0));
    }

    @Test
    void discoveryResultIsUnmodifiable() {
        TopicSubscription.Discovery d =
                TopicSubscription.topics(List.of("orders", "x")).discover(metadata);

        assertThatThrownBy(() -> d.partitions().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.missing().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describe() {
        assertThat(TopicSubscription.topics(List.of("b", "a")).describe())
                .isEqualTo("topics [b, a]");
        assertThat(TopicSubscription.pattern(Pattern.compile("o.*")))
                .hasToString("topic pattern 'o.*'");
        assertThat(TopicSubscription.partitions(Set.of(tp("b", 1), tp("a", 0))).describe())
                .isEqualTo("partitions [a-0, b-1]");
    }

    @Test
    void serializableAndCopiesItsInput() throws Exception {
        List<String> topics = new java.util.ArrayList<>(List.of("orders"));
        TopicSubscription subscription = TopicSubscription.topics(topics);
        topics.add("payments");

        TopicSubscription copy = InstantiationUtil.clone(subscription);

        assertThat(copy.discover(metadata).partitions()).hasSize(3);
        assertThat(InstantiationUtil.clone(TopicSubscription.pattern(Pattern.compile("o.*"))))
                .hasToString("topic pattern 'o.*'");
        assertThat(
                        InstantiationUtil.clone(
                                        TopicSubscription.partitions(Set.of(tp("orders", 1))))
                                .discover(metadata)
                                .partitions())
                .containsExactly(tp("orders", 1));
    }
}
