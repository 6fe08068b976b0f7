package io.github.flinkkafkabridge.examples.quickstart;

import io.github.flinkkafkabridge.examples.ExampleArgs;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StartingOffsets;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads a topic with {@link KafkaBridgeSource} and counts its words.
 *
 * <p>With no {@code --bootstrap-servers}, it starts an in-process Kafka broker, writes {@code
 * --records} lines of text to a 4-partition topic, reads them back (bounded: up to the end of the
 * topic) and prints the most frequent words. With {@code --bootstrap-servers}, it reads the given
 * topic of that cluster the same way (and writes generated lines first only if {@code --records} is
 * given).
 */
public final class ReadTopicJob {

    private static final String USAGE =
            "  --bootstrap-servers host:port  Kafka cluster (default: start one in-process)\n"
                    + "  --topic name                   topic to read (default: quickstart-lines)\n"
                    + "  --records n                    lines to write first (default: 10000 with"
                    + " the in-process broker, none otherwise)\n"
                    + "  --parallelism n                source parallelism (default: 2)\n"
                    + "  --top n                        words to print (default: 10)";

    private static final String[] WORDS = {
        "kafka", "flink", "stream", "record", "offset", "partition", "window", "state",
        "watermark", "checkpoint", "topic", "event", "latency", "rate", "sink", "source"
    };

    private ReadTopicJob() {}

    public static void main(String[] args) throws Exception {
        ExampleArgs options =
                ExampleArgs.parse(
                        args,
                        USAGE,
                        List.of("bootstrap-servers", "topic", "records", "parallelism", "top"));
        if (options.helpRequested()) {
            System.out.println("ReadTopicJob options:\n" + options.usage());
            return;
        }
        String topic = options.get("topic", "quickstart-lines");
        String servers = options.get("bootstrap-servers");
        try (EmbeddedKafkaCluster embedded =
                servers == null ? EmbeddedKafkaCluster.start() : null) {
            if (embedded != null) {
                servers = embedded.bootstrapServers();
                System.out.println("Started an in-process Kafka broker at " + servers);
                embedded.createTopic(topic, 4);
            }
            int records = options.getInt("records", embedded != null ? 10_000 : 0);
            if (records > 0) {
                writeLines(servers, topic, records);
            }
            List<Tuple2<String, Long>> counts =
                    countWords(servers, topic, options.getInt("parallelism", 2));
            print(counts, options.getInt("top", 10));
        }
    }

    /** Builds the job, runs it to the end of the topic and returns the word counts. */
    static List<Tuple2<String, Long>> countWords(
            String bootstrapServers, String topic, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);

        // [START source-snippet]
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setStartingOffsets(StartingOffsets.earliest())
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .build();
        DataStream<String> lines =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-lines");
        // [END source-snippet]

        DataStream<Tuple2<String, Long>> counts =
                lines.flatMap(ReadTopicJob::splitWords)
                        .returns(Types.TUPLE(Types.STRING, Types.LONG))
                        .keyBy(pair -> pair.f0)
                        .sum(1);
        List<Tuple2<String, Long>> result = new ArrayList<>(counts.executeAndCollect(10_000));
        result.sort(
                Comparator.<Tuple2<String, Long>, Long>comparing(pair -> pair.f1)
                        .reversed()
                        .thenComparing(pair -> pair.f0));
        return result;
    }

    private static void splitWords(String line, Collector<Tuple2<String, Long>> out) {
        for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                out.collect(Tuple2.of(word, 1L));
            }
        }
    }

    /** Writes {@code count} generated lines with a plain Kafka producer. */
    private static void writeLines(String servers, String topic, int count) {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        Random random = new Random(42);
        try (Producer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                StringBuilder line = new StringBuilder();
                int words = 3 + random.nextInt(6);
                for (int w = 0; w < words; w++) {
                    line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                }
                producer.send(new ProducerRecord<>(topic, line.toString()));
            }
            producer.flush();
        }
        System.out.println("Wrote " + count + " lines to topic " + topic);
    }

    private static void print(List<Tuple2<String, Long>> counts, int top) {
        long total = counts.stream().mapToLong(pair -> pair.f1).sum();
        System.out.printf("Read %d words, %d distinct. Top %d:%n", total, counts.size(), top);
        for (Tuple2<String, Long> pair : counts.subList(0, Math.min(top, counts.size()))) {
            System.out.printf("  %-12s %8d%n", pair.f0, pair.f1);
        }
    }
}
