package io.github.flinkkafkabridge.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.testkit.KafkaCluster;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka side of Flink's source test suite: each split is either one partition of a shared topic
 * or a one-partition topic of its own, and the source subscribes to this context's topics by
 * pattern so that a test case never reads another case's leftovers.
 */
final class KafkaBridgeSourceExternalContext implements DataStreamSourceExternalContext<String> {

    /** How the suite's splits map onto Kafka. */
    enum SplitMode {
        PARTITION,
        TOPIC
    }

    private final Supplier<KafkaCluster> cluster;
    private final SplitMode mode;
    private final String prefix = "suite-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> topics = new ArrayList<>();
    private int splits;

    KafkaBridgeSourceExternalContext(Supplier<KafkaCluster> cluster, SplitMode mode) {
        this.cluster = cluster;
        this.mode = mode;
    }

    @Override
    public Source<String, ?, ?> createSource(TestingSourceSettings settings) {
        KafkaBridgeSourceBuilder<String> builder =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(cluster.get().bootstrapServers())
                        .setTopicPattern(Pattern.quote(prefix) + ".*")
                        .setDeserializer(KafkaRecordDeserializer.utf8Values());
        if (settings.getBoundedness() == Boundedness.BOUNDED) {
            builder.setBounded(StoppingOffsets.latest());
        } else {
            builder.setPartitionDiscoveryInterval(Duration.ofMillis(200));
        }
        return builder.build();
    }

    @Override
    public ExternalSystemSplitDataWriter<String> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        String topic;
        int partition;
        if (mode == SplitMode.PARTITION) {
            topic = prefix;
            partition = splits;
            if (splits == 0) {
                cluster.get().createTopic(topic, 1);
                topics.add(topic);
            } else {
                cluster.get().addPartitions(topic, splits + 1);
            }
        } else {
            topic = prefix + "-" + splits;
            partition = 0;
            cluster.get().createTopic(topic, 1);
            topics.add(topic);
        }
        splits++;
        return new PartitionWriter(cluster.get(), topic, partition);
    }

    @Override
    public List<String> generateTestData(
            TestingSourceSettings settings, int splitIndex, long seed) {
        Random random = new Random(seed);
        int count = 100 + random.nextInt(200);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(splitIndex + "-" + i + "-" + randomText(random));
        }
        return records;
    }

    private static String randomText(Random random) {
        char[] chars = new char[5 + random.nextInt(40)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
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
        topics.forEach(topic -> cluster.get().deleteTopic(topic));
    }

    @Override
    public String toString() {
        return "KafkaBridgeSource, splits as "
                + mode.name().toLowerCase(java.util.Locale.ROOT)
                + "s";
    }

    /** Writes one split's records to one partition. */
    private static final class PartitionWriter implements ExternalSystemSplitDataWriter<String> {
        private final KafkaCluster cluster;
        private final String topic;
        private final int partition;

        PartitionWriter(KafkaCluster cluster, String topic, int partition) {
            this.cluster = cluster;
            this.topic = topic;
            this.partition = partition;
        }

        @Override
        public void writeRecords(List<String> records) {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(records.size());
            for (String value : records) {
                batch.add(new ProducerRecord<>(topic, partition, null, value.getBytes(UTF_8)));
            }
            KafkaTestRecords.produce(cluster, batch);
        }

        @Override
        public void close() {}
    }
}
