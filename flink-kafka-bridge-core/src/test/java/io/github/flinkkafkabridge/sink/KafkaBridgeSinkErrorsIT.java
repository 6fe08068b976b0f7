package io.github.flinkkafkabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.sink.writer.KafkaWriterBase;
import io.github.flinkkafkabridge.sink.writer.TestWriterContexts;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input and faults on a real broker: clear errors naming topic and size, in bounded time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaBridgeSinkErrorsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .setConfiguration(localOnly())
                            .build());

    private static KafkaBridgeSinkBuilder<String> sinkTo(
            String bootstrapServers, String topic, DeliveryGuarantee guarantee) {
        return KafkaBridgeSink.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix("errors-" + topic)
                .setProperty("max.block.ms", "3000")
                .setProperty("delivery.timeout.ms", "5000")
                .setProperty("request.timeout.ms", "2000")
                .setProperty("linger.ms", "0");
    }

    private static void writeAndFlush(KafkaBridgeSink<String> sink, String value) throws Exception {
        try (KafkaWriterBase<String> writer =
                sink.createWriter(TestWriterContexts.context(0, 1, new MetricListener()))) {
            writer.write(value, TestWriterContexts.NO_TIMESTAMP);
            writer.flush(false);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = DeliveryGuarantee.class,
            names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
    void aMissingTopicFailsNamingItWithinMaxBlock(DeliveryGuarantee guarantee) {
        String topic = KAFKA.uniqueTopic("missing");
        long start = System.nanoTime();
        assertThatThrownBy(
                        () ->
                                writeAndFlush(
                                        sinkTo(KAFKA.bootstrapServers(), topic, guarantee).build(),
                                        "hello"))
                .isInstanceOf(KafkaSendException.class)
                .hasMessageContaining("topic '" + topic + "'")
                .hasMessageContaining("value 5 bytes")
                .hasMessageContaining("exists");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @EnumSource(
            value = DeliveryGuarantee.class,
            names = {"AT_LEAST_ONCE", "EXACTLY_ONCE"})
    void aRecordLargerThanMaxRequestSizeFailsNamingTopicAndSize(DeliveryGuarantee guarantee) {
        String topic = KAFKA.createTopic("large", 1);
        KafkaBridgeSink<String> sink =
                sinkTo(KAFKA.bootstrapServers(), topic, guarantee)
                        .setProperty("max.request.size", "10000")
                        .build();
        assertThatThrownBy(() -> writeAndFlush(sink, "x".repeat(20_000)))
                .isInstanceOf(KafkaSendException.class)
                .hasMessageContaining("topic '" + topic + "'")
                .hasMessageContaining("value 20000 bytes")
                .hasMessageContaining("max.request.size");
    }

    @Test
    void deadLetteringWritesTheRejectedRecordWithErrorHeadersAndKeepsTheOthers() throws Exception {
        // The broker rejects large records for this topic only; the dead-letter topic takes them.
        String topic = KAFKA.uniqueTopic("dlq-source");
        KAFKA.cluster().createTopic(topic, 1, Map.of("max.message.bytes", "10000"));
        String deadLetters = KAFKA.createTopic("dlq", 1);
        KafkaBridgeSink<String> sink =
                sinkTo(KAFKA.bootstrapServers(), topic, DeliveryGuarantee.AT_LEAST_ONCE)
                        .setSendErrorPolicy(SendErrorPolicy.deadLetter(deadLetters))
                        .build();
        MetricListener metrics = new MetricListener();
        try (KafkaWriterBase<String> writer =
                sink.createWriter(TestWriterContexts.context(0, 1, metrics))) {
            writer.write("small-1", TestWriterContexts.NO_TIMESTAMP);
            writer.write("x".repeat(20_000), TestWriterContexts.NO_TIMESTAMP);
            writer.write("small-2", TestWriterContexts.NO_TIMESTAMP);
            writer.flush(false);
        }

        List<String> written =
                KafkaReads.readAll(KAFKA.bootstrapServers(), topic, false, Duration.ofSeconds(20));
        List<String> deadValues =
                KafkaReads.readAll(
                        KAFKA.bootstrapServers(), deadLetters, false, Duration.ofSeconds(20));
        // Each record is either written or dead-lettered (a record batched with the rejected one
        // may be rejected with it); the large one is dead-lettered with headers naming the error.
        assertThat(written).contains("small-1");
        List<String> all = new java.util.ArrayList<>(written);
        all.addAll(deadValues);
        assertThat(all).containsExactlyInAnyOrder("small-1", "x".repeat(20_000), "small-2");
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTestRecords.consume(
                        KAFKA.cluster(), deadLetters, deadValues.size(), Duration.ofSeconds(20));
        ConsumerRecord<byte[], byte[]> large =
                dead.stream().filter(r -> r.value().length == 20_000).findFirst().orElseThrow();
        // The client reports the broker's rejection as it sees it (too large, or the delivery
        // timeout when it keeps retrying); the header names that error.
        assertThat(header(large, DeadLetterHeaders.ERROR_CLASS))
                .startsWith("org.apache.kafka.common.errors.");
        assertThat(header(large, DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
        assertThat(header(large, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
        assertThat(metrics.getCounter("KafkaBridgeSink", "recordsDeadLettered"))
                .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(deadValues.size()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnreachableBrokerFailsWithinBoundedTime() {
        long start = System.nanoTime();
        assertThatThrownBy(
                        () ->
                                writeAndFlush(
                                        sinkTo(
                                                        "127.0.0.1:1",
                                                        "nowhere",
                                                        DeliveryGuarantee.AT_LEAST_ONCE)
                                                .build(),
                                        "hello"))
                .isInstanceOf(KafkaSendException.class)
                .hasMessageContaining("topic 'nowhere'")
                .hasMessageContaining("reachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void exactlyOnceWithAnUnreachableBrokerFailsNamingTheAddress() {
        assertThatThrownBy(
                        () ->
                                writeAndFlush(
                                        sinkTo(
                                                        "127.0.0.1:1",
                                                        "nowhere",
                                                        DeliveryGuarantee.EXACTLY_ONCE)
                                                .build(),
                                        "hello"))
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aTransactionTimeoutAboveTheBrokerMaximumFailsAtStartNamingBothSettings() {
        String topic = KAFKA.createTopic("timeout", 1);
        KafkaBridgeSink<String> sink =
                sinkTo(KAFKA.bootstrapServers(), topic, DeliveryGuarantee.EXACTLY_ONCE)
                        .setProperty("transaction.timeout.ms", Long.toString(60 * 60 * 1000))
                        .build();
        assertThatThrownBy(
                        () ->
                                sink.createWriter(
                                        TestWriterContexts.context(0, 1, new MetricListener())))
                .isInstanceOf(KafkaBridgeConfigException.class)
                .hasMessageContaining("transaction.timeout.ms is 3600000 ms")
                .hasMessageContaining("transaction.max.timeout.ms");
    }

    @Test
    void aTransactionTimeoutBelowTheCheckpointIntervalFailsTheJobNamingBothSettings() {
        String topic = KAFKA.createTopic("interval", 1);
        KafkaBridgeSink<String> sink =
                sinkTo(KAFKA.bootstrapServers(), topic, DeliveryGuarantee.EXACTLY_ONCE)
                        .setProperty("transaction.timeout.ms", "5000")
                        .build();
        StreamExecutionEnvironment env = noRestarts();
        env.enableCheckpointing(10_000);
        env.setParallelism(1);
        env.fromData("a", "b").returns(Types.STRING).sinkTo(sink);
        Throwable failure = catchThrowable(() -> env.execute("timeout below interval"));
        assertThat(ExceptionUtils.findThrowable(failure, KafkaBridgeConfigException.class))
                .as("job failure %s", failure)
                .hasValueSatisfying(
                        c ->
                                assertThat(c)
                                        .hasMessageContaining("checkpoint interval of 10000 ms")
                                        .hasMessageContaining("execution.checkpointing.interval"));
    }

    @Test
    void twoExactlyOnceSinksWithTheSamePrefixInOneJobAreRejected() {
        String topicA = KAFKA.createTopic("dup-a", 1);
        String topicB = KAFKA.createTopic("dup-b", 1);
        StreamExecutionEnvironment env = noRestarts();
        env.setParallelism(1);
        DataStream<String> stream = env.fromData("a", "b", "c").returns(Types.STRING);
        stream.sinkTo(
                sinkTo(KAFKA.bootstrapServers(), topicA, DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("shared")
                        .build());
        stream.sinkTo(
                sinkTo(KAFKA.bootstrapServers(), topicB, DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("shared")
                        .build());
        Throwable failure = catchThrowable(() -> env.execute("duplicate prefix"));
        assertThat(ExceptionUtils.findThrowableWithMessage(failure, "'shared'"))
                .as("job failure %s", failure)
                .hasValueSatisfying(
                        c ->
                                assertThat(c)
                                        .hasMessageContaining("Two KafkaBridgeSinks")
                                        .hasMessageContaining("setTransactionalIdPrefix"));
    }

    private static StreamExecutionEnvironment noRestarts() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(conf);
        return env;
    }

    private static Configuration localOnly() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        return conf;
    }
}
