package io.github.flinkkafkabridge.examples.customschema;

import io.github.flinkkafkabridge.examples.ExampleArgs;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Writes sensor readings to Kafka and reads them back with the application's own schema, {@link
 * SensorReadingSchema}, then prints the hottest reading of each sensor.
 *
 * <p>With no {@code --bootstrap-servers}, it starts an in-process Kafka broker and a 3-partition
 * topic; it writes {@code --readings} random readings with {@code KafkaBridgeSink} and reads the
 * topic with {@code KafkaBridgeSource} (bounded: up to the end of the topic).
 */
public final class CustomSchemaJob {

    private static final String USAGE =
            "  --bootstrap-servers host:port  Kafka cluster (default: start one in-process)\n"
                    + "  --topic name                   topic (default: sensor-readings)\n"
                    + "  --readings n                   readings to write first (default: 1000)";

    private CustomSchemaJob() {}

    public static void main(String[] args) throws Exception {
        ExampleArgs options =
                ExampleArgs.parse(args, USAGE, List.of("bootstrap-servers", "topic", "readings"));
        if (options.helpRequested()) {
            System.out.println("CustomSchemaJob options:\n" + options.usage());
            return;
        }
        String topic = options.get("topic", "sensor-readings");
        String servers = options.get("bootstrap-servers");
        try (EmbeddedKafkaCluster embedded =
                servers == null ? EmbeddedKafkaCluster.start() : null) {
            if (embedded != null) {
                servers = embedded.bootstrapServers();
                System.out.println("Started an in-process Kafka broker at " + servers);
                embedded.createTopic(topic, 3);
            }
            List<SensorReading> readings = randomReadings(options.getInt("readings", 1000));
            write(servers, topic, readings);
            System.out.println("Wrote " + readings.size() + " readings to topic " + topic);
            for (SensorReading hottest : hottestPerSensor(servers, topic)) {
                System.out.printf(
                        "  %-10s %6.2f C at %d%n",
                        hottest.sensorId(), hottest.celsius(), hottest.timestamp());
            }
        }
    }

    /** Writes {@code readings} with {@code KafkaBridgeSink} and the custom schema. */
    static void write(String bootstrapServers, String topic, List<SensorReading> readings)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(readings, TypeInformation.of(SensorReading.class))
                .sinkTo(
                        KafkaBridgeSink.<SensorReading>builder()
                                .setBootstrapServers(bootstrapServers)
                                .setRecordSerializer(new SensorReadingSchema(topic))
                                .build());
        env.execute("write sensor readings");
    }

    /** Reads the topic to its end with the custom schema; the hottest reading per sensor. */
    static List<SensorReading> hottestPerSensor(String bootstrapServers, String topic)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        KafkaBridgeSource<SensorReading> source =
                KafkaBridgeSource.<SensorReading>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(new SensorReadingSchema(topic))
                        .build();
        DataStream<SensorReading> hottest =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "sensor-readings")
                        .keyBy(SensorReading::sensorId)
                        .reduce((a, b) -> b.celsius() > a.celsius() ? b : a);
        List<SensorReading> result = new ArrayList<>(hottest.executeAndCollect(10_000));
        result.sort(Comparator.comparing(SensorReading::sensorId));
        return result;
    }

    private static List<SensorReading> randomReadings(int count) {
        Random random = new Random(7);
        long start = System.currentTimeMillis() - count * 1000L;
        List<SensorReading> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(
                    new SensorReading(
                            "sensor-" + random.nextInt(5),
                            Math.round((15 + random.nextGaussian() * 5) * 100) / 100.0,
                            start + i * 1000L));
        }
        return readings;
    }
}
