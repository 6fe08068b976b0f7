package io.github.flinkkafkabridge.examples.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The examples of the core module's javadoc: {@code KafkaBridgeSource}, {@code
 * KafkaRecordSerializer}, {@code KafkaRecord} and {@code ConsumerGroupLagProbe}. The sink's example
 * is the README's, in {@code ExactlyOnceSinkJob}; the custom deserializer is {@link KeyValueLines}.
 */
public final class CoreSnippets {

    private CoreSnippets() {}

    /** The lines of {@code topic} as a stream of {@code env}, read by the group word-count. */
    public static DataStream<String> lines(
            StreamExecutionEnvironment env, String bootstrapServers, String topic) {
        // [START kafka-bridge-source]
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId("word-count")
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .build();
        DataStream<String> lines =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "lines");
        // [END kafka-bridge-source]
        return lines;
    }

    /** Writes orders to the topic orders: the id as key, the CSV line as value. */
    public static KafkaRecordSerializer<Order> orderSerializer() {
        // [START kafka-record-serializer]
        KafkaRecordSerializer<Order> serializer =
                (order, context) ->
                        new ProducerRecord<>(
                                "orders",
                                null,
                                context.timestamp(),
                                order.id().getBytes(UTF_8),
                                order.toCsv().getBytes(UTF_8));
        // [END kafka-record-serializer]
        return serializer;
    }

    /** An order as a record to write, keyed by its id, with a header. */
    public static KafkaRecord<String, Order> webOrder(Order order) {
        // [START kafka-record]
        KafkaRecord<String, Order> record =
                KafkaRecord.of(order.id(), order).withHeader("source", "web".getBytes(UTF_8));
        // [END kafka-record]
        return record;
    }

    /** The lag table of {@code groupId}, as {@code ConsumerGroupLagProbe} prints it. */
    public static String lagTable(String bootstrapServers, String groupId) {
        // [START consumer-group-lag-probe]
        Properties admin = new Properties();
        admin.setProperty("bootstrap.servers", bootstrapServers);
        try (ConsumerGroupLagProbe probe = ConsumerGroupLagProbe.create(admin)) {
            return ConsumerGroupLagProbe.table(probe.probe(groupId));
        }
        // [END consumer-group-lag-probe]
    }
}
