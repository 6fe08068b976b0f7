package io.github.flinkkafkabridge.examples.sink;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes greetings to Kafka with {@link KafkaBridgeSink} and {@code EXACTLY_ONCE}, then reads them
 * back as a {@code read_committed} consumer and prints them.
 *
 * <p>Arguments (all optional): {@code --bootstrap-servers host:port} (default: an in-process broker
 * started for the run), {@code --topic name} (default {@code greetings}, created when missing),
 * {@code --records n} (default 1000).
 */
public final class ExactlyOnceSinkJob {

    private ExactlyOnceSinkJob() {}

    /**
     * Runs the job.
     *
     * @param args see the class documentation
     * @throws Exception when the job fails
     */
    public static void main(String[] args) throws Exception {
        String bootstrapServersArg = argument(args, "--bootstrap-servers", null);
        String topic = argument(args, "--topic", "greetings");
        long records = Long.parseLong(argument(args, "--records", "1000"));

        EmbeddedKafkaCluster embedded = null;
        String bootstrapServers = bootstrapServersArg;
        if (bootstrapServers == null) {
            embedded = EmbeddedKafkaCluster.start();
            bootstrapServers = embedded.bootstrapServers();
        }
        try {
            createTopicIfMissing(bootstrapServers, topic);
            run(bootstrapServers, topic, records);
            List<String> written = readCommitted(bootstrapServers, topic);
            written.stream().limit(5).forEach(System.out::println);
            System.out.println(
                    "... "
                            + written.size()
                            + " greetings committed to topic '"
                            + topic
                            + "' at "
                            + bootstrapServers);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Builds and runs the job: the part to copy. */
    static void run(String bootstrapServers, String topic, long records) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1_000);
        DataStream<String> greetings =
                env.fromSequence(1, records).map(i -> "hello #" + i).returns(Types.STRING);

        KafkaBridgeSink<String> sink =
                KafkaBridgeSink.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("greetings-job")
                        .build();
        greetings.sinkTo(sink);

        env.execute("Greetings to Kafka, exactly once");
    }

    private static void createTopicIfMissing(String bootstrapServers, String topic)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics().names().get();
            if (!topics.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            }
        }
    }

    private static List<String> readCommitted(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("isolation.level", "read_committed");
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    @Nullable
    private static String argument(String[] args, String name, @Nullable String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
