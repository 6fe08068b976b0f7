package io.github.flinkkafkabridge.examples.classic;

import io.github.flinkkafkabridge.examples.EmbeddedDefaults;
import io.github.flinkkafkabridge.examples.ExampleArgs;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.StoppingOffsets;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The classic consumer job: reads each line of a topic and maps every word to {@code (word, 1)}.
 * Reads the topic up to its current end and prints the pairs. With no {@code --bootstrap-servers},
 * it starts an in-process broker and writes the lines of {@link HelloWorldJob} first.
 */
public final class WordTupleJob {

    private static final String USAGE =
            "  --bootstrap-servers host:port  Kafka cluster (default: start one in-process)\n"
                    + "  --topic name                   topic to read (default: hello-world)\n"
                    + "  --parallelism n                job parallelism (default: 1)";

    private WordTupleJob() {}

    public static void main(String[] args) throws Exception {
        ExampleArgs options =
                ExampleArgs.parse(
                        args, USAGE, List.of("bootstrap-servers", "topic", "parallelism"));
        if (options.helpRequested()) {
            System.out.println("WordTupleJob options:\n" + options.usage());
            return;
        }
        String topic = options.get("topic", "hello-world");
        String servers = options.get("bootstrap-servers");
        try (EmbeddedDefaults embedded = servers == null ? EmbeddedDefaults.start() : null) {
            if (embedded != null) {
                servers = embedded.bootstrapServers();
                embedded.createTopics(topic);
                HelloWorldJob.write(servers, topic, 1);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(options.getInt("parallelism", 1));
            for (Tuple2<String, Integer> pair :
                    pairs(env, servers, topic).executeAndCollect(10_000)) {
                System.out.println(pair);
            }
        }
    }

    /** The (word, 1) pairs of every line of {@code topic}, read up to its current end. */
    static DataStream<Tuple2<String, Integer>> pairs(
            StreamExecutionEnvironment env, String bootstrapServers, String topic) {
        // [START classic-consumer]
        KafkaBridgeSource<String> source =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setBounded(StoppingOffsets.latest())
                        .setDeserializer(KafkaRecordDeserializer.utf8Values())
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "lines")
                .flatMap(WordTupleJob::toPairs)
                .returns(Types.TUPLE(Types.STRING, Types.INT));
        // [END classic-consumer]
    }

    private static void toPairs(String line, Collector<Tuple2<String, Integer>> out) {
        for (String word : line.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                out.collect(Tuple2.of(word, 1));
            }
        }
    }
}
