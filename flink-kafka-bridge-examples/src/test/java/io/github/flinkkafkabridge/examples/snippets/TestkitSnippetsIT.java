package io.github.flinkkafkabridge.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaClusters;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of the test kit's javadoc ({@code KafkaCluster}, {@code EmbeddedKafkaCluster},
 * {@code KafkaTestRecords}), run against real brokers; {@code KafkaClusterExtension}'s example is
 * {@link OrdersIT}.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TestkitSnippetsIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void theKafkaClusterExampleReadsBackWhatItWrote() {
        assertThat(writeAndReadBack(KAFKA.uniqueTopic("orders")))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void theEmbeddedClusterExampleRunsTheJobAgainstTheConfiguredBroker() {
        Map<String, String> seen = new HashMap<>();

        runAgainstEmbeddedKafka(bootstrapServers -> seen.putAll(describe(bootstrapServers)));

        assertThat(seen)
                .containsEntry("orders partitions", "4")
                .containsEntry("transaction.max.timeout.ms", "60000");
    }

    @Test
    void theTestRecordsExampleReadsWhatTheJobCopied() throws Exception {
        String input = KAFKA.createTopic("input", 2);
        String output = KAFKA.createTopic("output", 2);

        assertThat(checkCopy(KAFKA.cluster(), input, output))
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    private static List<String> writeAndReadBack(String topic) {
        // [START kafka-cluster]
        try (KafkaCluster kafka = KafkaClusters.fromSystemProperties()) {
            kafka.createTopic(topic, 4);
            KafkaTestRecords.produceStrings(kafka, topic, List.of("a", "b", "c"));
            return KafkaTestRecords.consumeStrings(kafka, topic, 3, Duration.ofSeconds(30));
        }
        // [END kafka-cluster]
    }

    private static void runAgainstEmbeddedKafka(Consumer<String> runJob) {
        // [START embedded-kafka-cluster]
        try (EmbeddedKafkaCluster kafka =
                EmbeddedKafkaCluster.builder()
                        .brokerProperty("transaction.max.timeout.ms", "60000")
                        .start()) {
            kafka.createTopic("orders", 4);
            runJob.accept(kafka.bootstrapServers());
        }
        // [END embedded-kafka-cluster]
    }

    private static List<String> checkCopy(KafkaCluster kafka, String input, String output)
            throws Exception {
        // [START kafka-test-records]
        KafkaTestRecords.produceStrings(kafka, input, List.of("a", "b", "c"));
        runCopyJob(kafka.bootstrapServers(), input, output);
        List<String> copied =
                KafkaTestRecords.consumeStrings(kafka, output, 3, Duration.ofSeconds(30));
        // [END kafka-test-records]
        return copied;
    }

    /**
     * Copies {@code input}, up to its end, to {@code output}, with the library's source and sink.
     */
    private static void runCopyJob(String bootstrapServers, String input, String output)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(input)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .build();
        KafkaBridgeSink<String> sink =
                KafkaBridgeSink.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(KafkaRecordSerializer.utf8String(output))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "input").sinkTo(sink);
        env.execute("copy " + input + " to " + output);
    }

    /** The partitions of the topic orders and the broker's transaction.max.timeout.ms. */
    private static Map<String, String> describe(String bootstrapServers) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            int partitions =
                    admin.describeTopics(List.of("orders"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get("orders")
                            .partitions()
                            .size();
            String broker =
                    String.valueOf(
                            admin.describeCluster()
                                    .nodes()
                                    .get(30, TimeUnit.SECONDS)
                                    .iterator()
                                    .next()
                                    .id());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(resource);
            return Map.of(
                    "orders partitions",
                    String.valueOf(partitions),
                    "transaction.max.timeout.ms",
                    config.get("transaction.max.timeout.ms").value());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the embedded cluster", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
