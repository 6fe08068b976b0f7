package io.github.flinkkafkabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaBridgeSourceBuilderTest {

    private static final String BYTES = ByteArrayDeserializer.class.getName();

    private static KafkaBridgeSourceBuilder<String> valid() {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers("broker:9092")
                .setTopics("orders")
                .setDeserializer(KafkaRecordDeserializer.utf8Values());
    }

    private static KafkaBridgeConfigException buildFails(KafkaBridgeSourceBuilder<?> builder) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(builder::build);
        assertThat(thrown).isInstanceOf(KafkaBridgeConfigException.class);
        return (KafkaBridgeConfigException) thrown;
    }

    private static void assertSingleProblem(
            KafkaBridgeSourceBuilder<?> builder, Consumer<String> requirements) {
        assertThat(buildFails(builder).problems()).singleElement().satisfies(requirements::accept);
    }

    // ---------------------------------------------------------------- bad records

    @Test
    void aDeadLetterTopicInsideTheSubscriptionIsRejected() {
        assertSingleProblem(
                valid().setBadRecordPolicy(
                                io.github.flinkkafkabridge.error.BadRecordPolicy.deadLetter(
                                        "orders")),
                problem ->
                        assertThat(problem)
                                .contains("setBadRecordPolicy")
                                .contains("'orders'")
                                .contains("setTopics"));
        assertSingleProblem(
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers("broker:9092")
                        .setTopicPattern("orders.*")
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .setBadRecordPolicy(
                                io.github.flinkkafkabridge.error.BadRecordPolicy.deadLetter(
                                        "orders-dlq")),
                problem -> assertThat(problem).contains("'orders-dlq'"));
    }

    @Test
    void aDeadLetterTopicOutsideTheSubscriptionIsAccepted() {
        assertThat(
                        valid().setBadRecordPolicy(
                                        io.github.flinkkafkabridge.error.BadRecordPolicy.deadLetter(
                                                "orders-dlq"))
                                .build())
                .isNotNull();
    }

    @Test
    void deadLettersAreWrittenAtLeastOnceByDefault() {
        KafkaBridgeSource<String> source =
                valid().setBadRecordPolicy(BadRecordPolicy.deadLetter("orders-dlq")).build();

        assertThat(source.deadLetterSettings().deliveryGuarantee())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(valid().build().deadLetterSettings()).isNull();
    }

    @Test
    void exactlyOnceDeadLettersTakeThePrefixAndADefaultTimeout() {
        KafkaBridgeSource<String> source =
                valid().setBadRecordPolicy(BadRecordPolicy.deadLetter("orders-dlq"))
                        .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setDeadLetterTransactionalIdPrefix("orders-dlq-tx")
                        .build();

        assertThat(source.deadLetterSettings().isExactlyOnce()).isTrue();
        assertThat(source.deadLetterSettings().transactionalIdPrefix()).isEqualTo("orders-dlq-tx");
        assertThat(source.deadLetterSettings().transactionTimeout())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(
                        valid().setBadRecordPolicy(BadRecordPolicy.deadLetter("orders-dlq"))
                                .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setDeadLetterTransactionalIdPrefix("orders-dlq-tx")
                                .setDeadLetterTransactionTimeout(Duration.ofMinutes(2))
                                .build()
                                .deadLetterSettings()
                                .transactionTimeout())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void exactlyOnceDeadLettersNeedAPrefix() {
        assertSingleProblem(
                valid().setBadRecordPolicy(BadRecordPolicy.deadLetter("orders-dlq"))
                        .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE),
                problem ->
                        assertThat(problem)
                                .contains("missing required option deadLetterTransactionalIdPrefix")
                                .contains("setDeadLetterTransactionalIdPrefix")
                                .contains("setDeadLetterDeliveryGuarantee"));
    }

    @Test
    void exactlyOnceDeadLettersNeedADeadLetterPolicy() {
        assertSingleProblem(
                valid().setBadRecordPolicy(BadRecordPolicy.skip())
                        .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setDeadLetterTransactionalIdPrefix("orders-dlq-tx"),
                problem ->
                        assertThat(problem)
                                .contains("setDeadLetterDeliveryGuarantee")
                                .contains("setBadRecordPolicy")
                                .contains("SKIP"));
    }

    @Test
    void transactionOptionsWithoutExactlyOnceAreRejectedNamingBothSetters() {
        KafkaBridgeConfigException e =
                buildFails(
                        valid().setBadRecordPolicy(BadRecordPolicy.deadLetter("orders-dlq"))
                                .setDeadLetterTransactionalIdPrefix("orders-dlq-tx")
                                .setDeadLetterTransactionTimeout(Duration.ofMinutes(1)));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0))
                .contains("setDeadLetterTransactionalIdPrefix")
                .contains("setDeadLetterDeliveryGuarantee")
                .contains("AT_LEAST_ONCE");
        assertThat(e.problems().get(1)).contains("setDeadLetterTransactionTimeout");
    }

    @Test
    void deadLetterSettersCheckTheirArgument() {
        assertThatThrownBy(() -> valid().setDeadLetterDeliveryGuarantee(DeliveryGuarantee.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadLetterDeliveryGuarantee");
        assertThatThrownBy(() -> valid().setDeadLetterTransactionalIdPrefix(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadLetterTransactionalIdPrefix");
        assertThatThrownBy(() -> valid().setDeadLetterTransactionTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deadLetterTransactionTimeout");
    }

    // ---------------------------------------------------------------- client ids

    @Test
    void aClientIdPropertyBecomesThePrefixOfTheReadersClientIds() {
        KafkaBridgeSource<String> source = valid().setProperty("client.id", "orders-app").build();

        assertThat(source.clientIdPrefix()).isEqualTo("orders-app");
        assertThat(source.getConsumerProperties()).doesNotContainKey("client.id");
    }

    @Test
    void theClientIdPrefixSetterWinsOverAClientIdProperty() {
        KafkaBridgeSource<String> source =
                valid().setProperty("client.id", "ignored").setClientIdPrefix("chosen").build();

        assertThat(source.clientIdPrefix()).isEqualTo("chosen");
    }

    // ---------------------------------------------------------------- required options

    @Test
    void emptyBuilderReportsEveryMissingOptionAtOnce() {
        KafkaBridgeConfigException e = buildFails(KafkaBridgeSource.builder());

        assertThat(e.problems())
                .containsExactly(
                        "missing required option bootstrapServers (setBootstrapServers)",
                        "missing required option topics (setTopics, setTopicPattern or"
                                + " setPartitions)",
                        "missing required option deserializer (setDeserializer or"
                                + " setValueOnlyDeserializer)");
        assertThat(e.getMessage())
                .startsWith("Invalid KafkaBridgeSource configuration, 3 problems: (1) missing");
    }

    @Test
    void missingOptionsAndInvalidPropertyAreReportedTogether() {
        KafkaBridgeConfigException e =
                buildFails(KafkaBridgeSource.builder().setProperty("fetch.min.bytes", "abc"));

        assertThat(e.problems())
                .hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("bootstrapServers (setBootstrapServers)"))
                .anySatisfy(p -> assertThat(p).contains("fetch.min.bytes").contains("abc"));
    }

    @Test
    void minimalConfigurationBuildsAnUnboundedSource() {
        KafkaBridgeSource<String> source = valid().build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.getProducedType()).isEqualTo(Types.STRING);
        assertThat(source.getConsumerProperties().getProperty("bootstrap.servers"))
                .isEqualTo("broker:9092");
        assertThat(source.getConsumerProperties().getProperty("group.id")).isNull();
        assertThat(source.toString())
                .contains("topics [orders]")
                .contains("StartingOffsets.earliest()")
                .contains("CONTINUOUS_UNBOUNDED")
                .contains(
                        "discovery PT"
                                + KafkaBridgeSourceBuilder.DEFAULT_DISCOVERY_INTERVAL_SECONDS
                                + "S");
    }

    @Test
    void bootstrapServersMayComeFromAProperty() {
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setProperty("bootstrap.servers", "a:1,b:2")
                        .setTopicPattern("orders-.*")
                        .setValueOnlyDeserializer(new SimpleStringSchema())
                        .build();

        assertThat(source.getConsumerProperties().getProperty("bootstrap.servers"))
                .isEqualTo("a:1,b:2");
        assertThat(source.getProducedType()).isEqualTo(Types.STRING);
        assertThat(source.toString()).contains("topic pattern 'orders-.*'");
    }

    @Test
    void bootstrapServersFromSetterAndPropertyMustAgree() {
        assertSingleProblem(
                valid().setProperty("bootstrap.servers", "other:9092"),
                p ->
                        assertThat(p)
                                .isEqualTo(
                                        "conflicting values of bootstrapServers: 'broker:9092'"
                                                + " (setBootstrapServers) and 'other:9092'"
                                                + " (setProperty(\"bootstrap.servers\"))"));
        assertThatCode(() -> valid().setProperty("bootstrap.servers", "broker:9092").build())
                .doesNotThrowAnyException();
    }

    @Test
    void groupIdFromSetterAndPropertyMustAgree() {
        assertSingleProblem(
                valid().setGroupId("g1").setProperty("group.id", "g2"),
                p ->
                        assertThat(p)
                                .contains("groupId")
                                .contains("'g1' (setGroupId)")
                                .contains("'g2' (setProperty(\"group.id\"))"));
        assertThat(valid().setGroupId("g1").build().getConsumerProperties().getProperty("group.id"))
                .isEqualTo("g1");
    }

    // ---------------------------------------------------------------- conflicts

    @Test
    void conflictingSubscriptionsAreReported() {
        assertSingleProblem(
                valid().setTopicPattern(Pattern.compile("x.*")),
                p ->
                        assertThat(p)
                                .isEqualTo(
                                        "conflicting subscriptions topics (setTopics) and"
                                                + " topicPattern (setTopicPattern): choose one"));
        assertSingleProblem(
                valid().setTopicPattern("x.*")
                        .setPartitions(Set.of(new TopicPartition("orders", 0))),
                p ->
                        assertThat(p)
                                .contains("topics (setTopics)")
                                .contains("topicPattern (setTopicPattern)")
                                .contains("partitions (setPartitions)"));
    }

    @Test
    void boundedAndUnboundedStopConflict() {
        assertSingleProblem(
                valid().setBounded(StoppingOffsets.latest()).setUnbounded(StoppingOffsets.latest()),
                p -> assertThat(p).contains("setBounded").contains("setUnbounded"));
    }

    @Test
    void boundedSourceRejectsADiscoveryInterval() {
        assertSingleProblem(
                valid().setBounded(StoppingOffsets.latest())
                        .setPartitionDiscoveryInterval(Duration.ofSeconds(10)),
                p ->
                        assertThat(p)
                                .contains("partitionDiscoveryInterval")
                                .contains("setPartitionDiscoveryInterval")
                                .contains("setBounded"));
        KafkaBridgeSource<String> source =
                valid().setBounded(StoppingOffsets.latest())
                        .setPartitionDiscoveryInterval(Duration.ZERO)
                        .build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.toString())
                .contains("discovery off")
                .contains("StoppingOffsets.latest()");
    }

    @Test
    void unboundedWithStoppingOffsetsStaysUnbounded() {
        KafkaBridgeSource<String> source =
                valid().setUnbounded(StoppingOffsets.timestamp(5L))
                        .setPartitionDiscoveryInterval(Duration.ZERO)
                        .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.toString())
                .contains("StoppingOffsets.timestamp(5)")
                .contains("discovery off");
    }

    @Test
    void committedStartingOffsetsNeedAGroup() {
        assertSingleProblem(
                valid().setStartingOffsets(StartingOffsets.committed()),
                p ->
                        assertThat(p)
                                .contains("StartingOffsets.committed(fallback EARLIEST)")
                                .contains("setStartingOffsets")
                                .contains("setGroupId"));
        assertThatCode(
                        () ->
                                valid().setStartingOffsets(StartingOffsets.committed())
                                        .setProperty("group.id", "g")
                                        .build())
                .doesNotThrowAnyException();
    }

    @Test
    void committingOffsetsNeedsAGroup() {
        assertSingleProblem(
                valid().setCommitOffsetsOnCheckpoint(true),
                p -> assertThat(p).contains("setCommitOffsetsOnCheckpoint").contains("setGroupId"));
        assertThatCode(() -> valid().setCommitOffsetsOnCheckpoint(false).build())
                .doesNotThrowAnyException();
    }

    @Test
    void rateLimitAndStrategyConflict() {
        @SuppressWarnings("unchecked")
        RateLimiterStrategy<io.github.flinkkafkabridge.source.split.KafkaPartitionSplit> strategy =
                RateLimiterStrategy.perSecond(5);

        assertSingleProblem(
                valid().setRateLimit(10).setRateLimiterStrategy(strategy),
                p -> assertThat(p).contains("setRateLimit").contains("setRateLimiterStrategy"));
        assertThatCode(() -> valid().setRateLimiterStrategy(strategy).build())
                .doesNotThrowAnyException();
    }

    @Test
    void invalidConsumerPropertyIsNamed() {
        assertSingleProblem(
                valid().setProperty("fetch.min.bytes", "abc"),
                p ->
                        assertThat(p)
                                .startsWith("invalid Kafka consumer property (setProperty)")
                                .contains("fetch.min.bytes")
                                .contains("abc"));
    }

    @Test
    void nonSerializableDeserializerIsReported() {
        assertSingleProblem(
                valid().setDeserializer(new NotSerializableDeserializer()),
                p ->
                        assertThat(p)
                                .startsWith("deserializer (setDeserializer) is not serializable")
                                .contains(NotSerializableDeserializer.class.getName()));
    }

    @Test
    void manyProblemsAreReportedTogether() {
        KafkaBridgeConfigException e =
                buildFails(
                        KafkaBridgeSource.<String>builder()
                                .setTopics("a")
                                .setTopicPattern("b")
                                .setBounded(StoppingOffsets.latest())
                                .setUnbounded(StoppingOffsets.none())
                                .setStartingOffsets(StartingOffsets.committed())
                                .setCommitOffsetsOnCheckpoint(true));

        assertThat(e.problems()).hasSize(6);
        assertThat(e.getMessage())
                .contains("setBootstrapServers")
                .contains("choose one")
                .contains("setDeserializer")
                .contains("setUnbounded")
                .contains("setStartingOffsets")
                .contains("setCommitOffsetsOnCheckpoint");
    }

    // ---------------------------------------------------------------- consumer properties

    @Test
    void libraryControlledKeysAreEnforced() {
        Properties props =
                valid().setProperty("key.deserializer", StringDeserializer.class.getName())
                        .setProperty("value.deserializer", StringDeserializer.class.getName())
                        .setProperty("enable.auto.commit", "true")
                        .setProperty("max.poll.records", "17")
                        .build()
                        .getConsumerProperties();

        assertThat(props.getProperty("key.deserializer")).isEqualTo(BYTES);
        assertThat(props.getProperty("value.deserializer")).isEqualTo(BYTES);
        assertThat(props.getProperty("enable.auto.commit")).isEqualTo("false");
        assertThat(props.getProperty("auto.offset.reset")).isEqualTo("earliest");
        assertThat(props.getProperty("max.poll.records")).isEqualTo("17");
        assertThat(props.getProperty("isolation.level")).isNull();
    }

    @Test
    void pollsHandOverBiggerBatchesThanKafkasDefault() {
        assertThat(valid().build().getConsumerProperties().getProperty("max.poll.records"))
                .isEqualTo(Integer.toString(KafkaBridgeSourceBuilder.DEFAULT_MAX_POLL_RECORDS))
                .isEqualTo("2000");
    }

    @Test
    void socketReceiveBufferIsTheSystemsUnlessTheUserChose() {
        assertThat(valid().build().getConsumerProperties().getProperty("receive.buffer.bytes"))
                .isEqualTo("-1");
        assertThat(
                        valid().setProperty("receive.buffer.bytes", "65536")
                                .build()
                                .getConsumerProperties()
                                .getProperty("receive.buffer.bytes"))
                .isEqualTo("65536");
    }

    @Test
    void userAutoOffsetResetIsKept() {
        assertThat(
                        valid().setProperty("auto.offset.reset", "none")
                                .build()
                                .getConsumerProperties()
                                .getProperty("auto.offset.reset"))
                .isEqualTo("none");
    }

    @Test
    void setPropertiesCopiesEveryEntry() {
        Properties given = new Properties();
        given.setProperty("max.poll.records", "5");
        given.setProperty("isolation.level", "read_committed");

        Properties props = valid().setProperties(given).build().getConsumerProperties();

        assertThat(props.getProperty("max.poll.records")).isEqualTo("5");
        assertThat(props.getProperty("isolation.level")).isEqualTo("read_committed");
    }

    @Test
    void buildTwiceGivesEqualIndependentSourcesAndLaterChangesDoNotLeak() {
        KafkaBridgeSourceBuilder<String> builder =
                valid().setClientIdPrefix("app").setProperty("max.poll.records", "10");
        KafkaBridgeSource<String> first = builder.build();
        KafkaBridgeSource<String> second = builder.build();

        assertThat(first).isNotSameAs(second);
        assertThat(first.getConsumerProperties()).isEqualTo(second.getConsumerProperties());
        assertThat(first.toString()).isEqualTo(second.toString());

        builder.setProperty("max.poll.records", "99").setTopics("changed").setGroupId("late");

        assertThat(first.getConsumerProperties().getProperty("max.poll.records")).isEqualTo("10");
        assertThat(first.getConsumerProperties().getProperty("group.id")).isNull();
        assertThat(first.toString()).contains("topics [orders]").doesNotContain("changed");
    }

    @Test
    void consumerPropertiesAreACopy() {
        KafkaBridgeSource<String> source = valid().build();

        source.getConsumerProperties().setProperty("bootstrap.servers", "tampered:1");

        assertThat(source.getConsumerProperties().getProperty("bootstrap.servers"))
                .isEqualTo("broker:9092");
    }

    @Test
    void builtSourceIsSerializableAndHidesSecretsInToString() throws Exception {
        KafkaBridgeSource<String> source =
                valid().setGroupId("g")
                        .setRateLimit(100)
                        .setStartingOffsets(StartingOffsets.committed(ResetStrategy.LATEST))
                        .setProperty("ssl.key.password", "hunter2")
                        .setProperty("ssl.keystore.location", "/ks")
                        .build();

        KafkaBridgeSource<String> copy = InstantiationUtil.clone(source);

        assertThat(copy.getConsumerProperties()).isEqualTo(source.getConsumerProperties());
        assertThat(copy.getBoundedness()).isEqualTo(source.getBoundedness());
        assertThat(copy.toString()).isEqualTo(source.toString());
        assertThat(source.toString())
                .doesNotContain("hunter2")
                .contains("ssl.key.password=[hidden]");
        assertThat(source.getConsumerProperties().getProperty("ssl.key.password"))
                .isEqualTo("hunter2");
    }

    @Test
    void partitionsSubscriptionIsCopied() {
        java.util.HashSet<TopicPartition> partitions =
                new java.util.HashSet<>(Set.of(new TopicPartition("orders", 1)));
        KafkaBridgeSourceBuilder<String> builder =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers("b:1")
                        .setPartitions(partitions)
                        .setDeserializer(KafkaRecordDeserializer.utf8Values());
        partitions.add(new TopicPartition("orders", 2));

        assertThat(builder.build().toString())
                .contains("partitions [orders-1]")
                .doesNotContain("orders-2");
    }

    // ---------------------------------------------------------------- setter checks

    @Test
    void settersRejectInvalidArgumentsAtOnce() {
        KafkaBridgeSourceBuilder<String> b = KafkaBridgeSource.builder();

        assertThatThrownBy(() -> b.setBootstrapServers(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bootstrapServers must not be null or blank");
        assertThatThrownBy(() -> b.setBootstrapServers(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.setTopics("ok", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topics must not be null or blank");
        assertThatThrownBy(() -> b.setTopics())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setTopics needs at least one topic");
        assertThatThrownBy(() -> b.setTopics(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.setTopicPattern(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topicPattern");
        assertThatThrownBy(() -> b.setTopicPattern((Pattern) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.setPartitions(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setPartitions needs at least one partition");
        assertThatThrownBy(() -> b.setGroupId(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupId");
        assertThatThrownBy(() -> b.setClientIdPrefix("\t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientIdPrefix");
        assertThatThrownBy(() -> b.setPartitionDiscoveryInterval(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitionDiscoveryInterval must be >= 0");
        assertThatThrownBy(() -> b.setMetadataTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadataTimeout must be > 0");
        assertThatThrownBy(() -> b.setMetadataTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.setBounded(StoppingOffsets.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StoppingOffsets.none()");
        assertThatThrownBy(() -> b.setProperty(" ", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("property key");
        assertThatThrownBy(() -> b.setProperty("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.setStartingOffsets(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.setDeserializer(null)).isInstanceOf(NullPointerException.class);
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> b.setRateLimit(rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rateLimit must be a positive number");
        }
    }

    @Test
    void rejectedSetterLeavesTheBuilderUsable() {
        KafkaBridgeSourceBuilder<String> b = valid();
        assertThatThrownBy(() -> b.setTopics("ok", ""))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(b.build().toString()).contains("topics [orders]");
    }

    @Test
    void negativePartitionIsRejected() {
        assertThatThrownBy(
                        () ->
                                KafkaBridgeSource.builder()
                                        .setPartitions(Set.of(new TopicPartition("t", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t--1");
    }

    @Test
    void specificOffsetsAreAccepted() {
        TopicPartition tp = new TopicPartition("orders", 0);
        KafkaBridgeSource<String> source =
                valid().setStartingOffsets(StartingOffsets.specific(Map.of(tp, 3L)))
                        .setBounded(StoppingOffsets.specific(Map.of(tp, 9L)))
                        .build();

        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
        assertThat(source.toString())
                .contains("StartingOffsets.specific({orders-0=3}, fallback EARLIEST)")
                .contains("StoppingOffsets.specific({orders-0=9})");
    }

    /** Holds a non-serializable field. */
    private static final class NotSerializableDeserializer
            implements KafkaRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Object lock = new Object();

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {}

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
