package io.github.flinkkafkabridge.source;

import static io.github.flinkkafkabridge.testing.Records.record;
import static io.github.flinkkafkabridge.testing.Records.take;
import static io.github.flinkkafkabridge.testing.Records.takeUntil;
import static io.github.flinkkafkabridge.testing.Records.values;
import static io.github.flinkkafkabridge.testing.Records.valuesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.testing.FlinkTestClusters;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KafkaBridgeSource} against a real Kafka broker and a Flink MiniCluster. */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KafkaBridgeSourceIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestClusters.miniCluster(4);

    private static KafkaBridgeSourceBuilder<String> strings(String topic) {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setTopics(topic)
                .setDeserializer(KafkaRecordDeserializer.utf8Values());
    }

    @Test
    void boundedReadAcrossPartitionsEqualsTheInputExactly() throws Exception {
        String topic = KAFKA.createTopic("bounded", 4);
        List<ProducerRecord<byte[], byte[]>> input = values(topic, 4, "v", 10_000);
        KafkaTestRecords.produce(KAFKA.cluster(), input);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<String> source =
                strings(topic).setBounded(StoppingOffsets.latest()).build();
        List<String> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                        .executeAndCollect(20_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(valuesOf(input));
        // ...with the consumer defaults the source chooses: big hand-overs, the system's buffer.
        assertThat(source.getConsumerProperties())
                .containsEntry("max.poll.records", "2000")
                .containsEntry("receive.buffer.bytes", "-1");
    }

    @Test
    void taskManagerFailureAfterACheckpointEmitsEveryRecordExactlyOnce(
            @InjectMiniCluster MiniCluster miniCluster) throws Exception {
        String topic = KAFKA.createTopic("failover", 4);
        List<ProducerRecord<byte[], byte[]>> before = values(topic, 4, "a", 4_000);
        KafkaTestRecords.produce(KAFKA.cluster(), before);

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(2, Duration.ofMillis(200), 5);
        DataStream<String> stream =
                env.fromSource(strings(topic).build(), WatermarkStrategy.noWatermarks(), "kafka");
        try (CloseableIterator<String> results = stream.collectAsync()) {
            JobClient job = env.executeAsync("failover");
            // The collect sink hands out results only once a checkpoint covering them completed.
            List<String> seen = new ArrayList<>(take(results, before.size()));

            miniCluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
            miniCluster.startTaskManager();

            List<ProducerRecord<byte[], byte[]>> after = values(topic, 4, "b", 4_000);
            KafkaTestRecords.produce(KAFKA.cluster(), after);
            List<ProducerRecord<byte[], byte[]>> ends = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                ends.add(record(topic, p, null, "end"));
            }
            KafkaTestRecords.produce(KAFKA.cluster(), ends);
            // Each partition's "end" comes after all its records, and order per partition holds.
            seen.addAll(takeUntil(results, "end"::equals, 4));
            job.cancel().get(60, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>(valuesOf(before));
            expected.addAll(valuesOf(after));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void partitionsAddedWhileRunningAreReadFromTheirEarliestOffset() throws Exception {
        String topic = KAFKA.createTopic("grow", 1);
        List<ProducerRecord<byte[], byte[]>> first = values(topic, 1, "first", 100);
        KafkaTestRecords.produce(KAFKA.cluster(), first);

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(2, Duration.ofMillis(200), 0);
        KafkaBridgeSource<String> source =
                strings(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setPartitionDiscoveryInterval(Duration.ofMillis(300))
                        .build();
        DataStream<String> stream =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka");
        try (CloseableIterator<String> results = stream.collectAsync()) {
            JobClient job = env.executeAsync("grow");
            assertThat(take(results, first.size()))
                    .containsExactlyInAnyOrderElementsOf(valuesOf(first));

            // Written to the new partitions at once, before any discovery can have seen them.
            KAFKA.cluster().addPartitions(topic, 3);
            List<ProducerRecord<byte[], byte[]>> second = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                second.add(record(topic, 1 + i % 2, null, "second-" + i));
            }
            KafkaTestRecords.produce(KAFKA.cluster(), second);

            assertThat(take(results, second.size()))
                    .containsExactlyInAnyOrderElementsOf(valuesOf(second));
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsFromATimestamp() throws Exception {
        String topic = KAFKA.createTopic("timestamp", 2);
        long t0 = 1_700_000_000_000L;
        List<ProducerRecord<byte[], byte[]>> old = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> recent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            old.add(record(topic, i % 2, t0 + i, "old-" + i));
            recent.add(record(topic, i % 2, t0 + 10_000 + i, "recent-" + i));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), old);
        KafkaTestRecords.produce(KAFKA.cluster(), recent);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<String> source =
                strings(topic)
                        .setStartingOffsets(StartingOffsets.timestamp(t0 + 10_000))
                        .setBounded(StoppingOffsets.latest())
                        .build();
        List<String> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                        .executeAndCollect(1_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(valuesOf(recent));
    }

    @Test
    void commitsOffsetsOfCompletedCheckpointsToTheConsumerGroup() throws Exception {
        String topic = KAFKA.createTopic("commit", 3);
        String group = KAFKA.uniqueTopic("group");
        List<ProducerRecord<byte[], byte[]>> input = values(topic, 3, "c", 3_000);
        KafkaTestRecords.produce(KAFKA.cluster(), input);

        StreamExecutionEnvironment env =
                FlinkTestClusters.environment(2, Duration.ofMillis(200), 0);
        KafkaBridgeSource<String> source = strings(topic).setGroupId(group).build();
        DataStream<String> stream =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka");
        try (CloseableIterator<String> results = stream.collectAsync();
                Admin admin = KAFKA.cluster().createAdmin()) {
            JobClient job = env.executeAsync("commit");
            assertThat(take(results, input.size())).hasSize(input.size());

            Map<TopicPartition, Long> ends = endOffsets(admin, topic, 3);
            awaitCondition(
                    () -> committed(admin, group).equals(ends),
                    Duration.ofSeconds(60),
                    () -> "committed offsets " + committed(admin, group) + " != " + ends);
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void perPartitionWatermarksWithAnIdlePartitionStillAdvance() throws Exception {
        String topic = KAFKA.createTopic("watermarks", 3);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        // Partitions 0 and 1 each hold ascending timestamps 0..9990 ms; partition 2 stays empty.
        // Read by one reader, partition 1's records would be late against partition 0's
        // watermark if watermarks were not tracked per partition.
        for (int partition = 0; partition < 2; partition++) {
            for (int i = 0; i < 1_000; i++) {
                input.add(record(topic, partition, (long) i * 10, "p" + partition + "-" + i));
            }
            input.add(record(topic, partition, 60_000L, "p" + partition + "-last"));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), input);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        WatermarkStrategy<String> watermarks =
                WatermarkStrategy.<String>forMonotonousTimestamps()
                        .withIdleness(Duration.ofMillis(500));
        DataStream<Long> windowCounts =
                env.fromSource(strings(topic).build(), watermarks, "kafka")
                        .windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                        .process(new CountPerWindow());
        try (CloseableIterator<Long> results = windowCounts.collectAsync()) {
            JobClient job = env.executeAsync("watermarks");
            // Ten one-second windows of 100 records from each of the two partitions.
            assertThat(take(results, 10)).containsOnly(200L);
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void watermarkAlignmentPausesAndResumesPartitionsWithoutLosingRecords() throws Exception {
        String topic = KAFKA.createTopic("aligned", 2);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // Partition 1 runs far ahead in event time, so alignment must pause it.
            input.add(record(topic, 0, (long) i, "slow-" + i));
            input.add(record(topic, 1, 1_000_000L + i * 1_000L, "fast-" + i));
        }
        KafkaTestRecords.produce(KAFKA.cluster(), input);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        WatermarkStrategy<String> aligned =
                WatermarkStrategy.<String>forMonotonousTimestamps()
                        .withWatermarkAlignment(
                                "bridge", Duration.ofMillis(100), Duration.ofMillis(50));
        KafkaBridgeSource<String> source =
                strings(topic).setBounded(StoppingOffsets.latest()).build();
        List<String> read = env.fromSource(source, aligned, "kafka").executeAndCollect(10_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(valuesOf(input));
    }

    @Test
    void rateLimitedReadStillDeliversEverything() throws Exception {
        String topic = KAFKA.createTopic("limited", 2);
        List<ProducerRecord<byte[], byte[]>> input = values(topic, 2, "r", 500);
        KafkaTestRecords.produce(KAFKA.cluster(), input);

        StreamExecutionEnvironment env = FlinkTestClusters.environment(2, null, 0);
        KafkaBridgeSource<String> source =
                strings(topic).setRateLimit(1_000).setBounded(StoppingOffsets.latest()).build();
        List<String> read =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                        .executeAndCollect(1_000);

        assertThat(read).containsExactlyInAnyOrderElementsOf(valuesOf(input));
    }

    @Test
    void unknownTopicOfABoundedSourceFailsNamingTheTopic() {
        String missing = KAFKA.uniqueTopic("missing");
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        KafkaBridgeSource<String> source =
                strings(missing).setBounded(StoppingOffsets.latest()).build();

        assertThatThrownBy(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                                        .executeAndCollect(1))
                .satisfies(e -> assertThat(causeChainMessages(e)).contains(missing));
    }

    @Test
    void unreachableBrokerFailsNamingTheAddressWithinTheMetadataTimeout() {
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers("127.0.0.1:1")
                        .setTopics("anything")
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .setMetadataTimeout(Duration.ofSeconds(3))
                        .setBounded(StoppingOffsets.latest())
                        .build();

        assertThatThrownBy(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                                        .executeAndCollect(1))
                .satisfies(
                        e ->
                                assertThat(causeChainMessages(e))
                                        .contains("127.0.0.1:1")
                                        .contains("setBootstrapServers"));
    }

    @Test
    void deserializerFailureNamesTopicPartitionAndOffset() throws Exception {
        String topic = KAFKA.createTopic("poison", 1);
        KafkaTestRecords.produce(
                KAFKA.cluster(),
                List.of(
                        record(topic, 0, null, "good"),
                        record(topic, 0, null, "good"),
                        record(topic, 0, null, "poison")));
        StreamExecutionEnvironment env = FlinkTestClusters.environment(1, null, 0);
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(KAFKA.bootstrapServers())
                        .setTopics(topic)
                        .setDeserializer(new RejectPoison())
                        .setBounded(StoppingOffsets.latest())
                        .build();

        assertThatThrownBy(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka")
                                        .executeAndCollect(10))
                .satisfies(
                        e ->
                                assertThat(causeChainMessages(e))
                                        .contains(topic + "-0 at offset 2")
                                        .contains("value 6 bytes")
                                        .contains("rejected poison"));
    }

    /** Fails on the value "poison". */
    private static final class RejectPoison implements KafkaRecordDeserializer<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
                throws IOException {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.equals("poison")) {
                throw new IOException("rejected poison");
            }
            out.collect(value);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    /** Counts the elements of each window. */
    private static final class CountPerWindow
            extends ProcessAllWindowFunction<String, Long, TimeWindow> {
        @Override
        public void process(Context context, Iterable<String> elements, Collector<Long> out) {
            long count = 0;
            for (String ignored : elements) {
                count++;
            }
            out.collect(count);
        }
    }

    private static String causeChainMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> result = new java.util.HashMap<>();
            offsets.forEach((tp, om) -> result.put(tp, om.offset()));
            return result;
        } catch (Exception e) {
            throw new AssertionError("Could not list the offsets of group " + group, e);
        }
    }

    private static void awaitCondition(
            java.util.function.BooleanSupplier condition,
            Duration timeout,
            java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
