package io.github.flinkkafkabridge.sink.testing;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One test case's view of Kafka for {@code SinkTestSuiteBase}: a topic of its own, the sink under
 * test writing to it, and a reader ({@code read_committed} for EXACTLY_ONCE).
 */
public final class KafkaSinkExternalContext implements DataStreamSinkV2ExternalContext<String> {

    private static final int PARTITIONS = 4;

    private final Supplier<KafkaCluster> cluster;
    private final String topic;
    private final List<KafkaConsumer<byte[], byte[]>> readers = new ArrayList<>();
    private boolean topicCreated;

    public KafkaSinkExternalContext(Supplier<KafkaCluster> cluster, String testName) {
        this.cluster = cluster;
        this.topic =
                "sink-suite-"
                        + testName.replaceAll("[^a-zA-Z0-9._-]", "-")
                        + "-"
                        + Long.toHexString(System.nanoTime());
    }

    @Override
    public Sink<String> createSink(TestingSinkSettings sinkSettings) {
        ensureTopic();
        CheckpointingMode mode = sinkSettings.getCheckpointingMode();
        DeliveryGuarantee guarantee =
                mode == CheckpointingMode.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE;
        return KafkaBridgeSink.<String>builder()
                .setBootstrapServers(cluster.get().bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(topic)
                .build();
    }

    @Override
    public ExternalSystemDataReader<String> createSinkDataReader(TestingSinkSettings settings) {
        ensureTopic();
        boolean readCommitted = settings.getCheckpointingMode() == CheckpointingMode.EXACTLY_ONCE;
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        KafkaReads.consumerProperties(
                                cluster.get().bootstrapServers(), readCommitted));
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        readers.add(consumer);
        return new ExternalSystemDataReader<>() {
            @Override
            public List<String> poll(Duration timeout) {
                List<String> values = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
                return values;
            }

            @Override
            public void close() {
                consumer.close();
                readers.remove(consumer);
            }
        };
    }

    @Override
    public List<String> generateTestData(TestingSinkSettings sinkSettings, long seed) {
        Random random = new Random(seed);
        int count = 200 + random.nextInt(300);
        Set<String> values = new HashSet<>();
        while (values.size() < count) {
            values.add(
                    "record-"
                            + values.size()
                            + "-"
                            + Long.toHexString(random.nextLong())
                            + "-"
                            + "x".repeat(random.nextInt(64)));
        }
        return new ArrayList<>(values);
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of();
    }

    @Override
    public void close() {
        for (KafkaConsumer<byte[], byte[]> reader : new ArrayList<>(readers)) {
            reader.close();
        }
        readers.clear();
        if (topicCreated) {
            try {
                cluster.get().deleteTopic(topic);
            } catch (RuntimeException e) {
                // the broker may be shutting down; the topic dies with it
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaBridgeSink on the embedded broker";
    }

    private synchronized void ensureTopic() {
        if (!topicCreated) {
            cluster.get().createTopic(topic, PARTITIONS);
            topicCreated = true;
        }
    }
}
