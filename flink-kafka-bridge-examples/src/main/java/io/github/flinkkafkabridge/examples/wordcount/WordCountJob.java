package io.github.flinkkafkabridge.examples.wordcount;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.examples.EmbeddedDefaults;
import io.github.flinkkafkabridge.examples.ExampleArgs;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import io.github.flinkkafkabridge.source.KafkaBridgeSourceBuilder;
import io.github.flinkkafkabridge.source.StartingOffsets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Real-time word count from Kafka to Kafka: sentences are read with {@link KafkaBridgeSource}
 * (malformed ones go to a dead-letter topic, exactly once when the sink is), split into words,
 * counted per word in event-time tumbling windows (watermarks from the Kafka record timestamps, per
 * partition), enriched with a running total per word from keyed state, and written with an
 * exactly-once {@link KafkaBridgeSink} as JSON keyed by the word.
 *
 * <p>With no {@code --bootstrap-servers}, it starts an in-process Kafka broker with the three
 * topics; {@link QuickstartJob} adds a data generator and live progress. On a Flink cluster: {@code
 * flink run -c io.github.flinkkafkabridge.examples.wordcount.WordCountJob <examples-jar>
 * --bootstrap-servers kafka:9092}.
 */
public final class WordCountJob {

    static final String USAGE =
            "  --bootstrap-servers host:port  Kafka cluster (default: start one in-process)\n"
                    + "  --input topic                  sentences to count (default: sentences)\n"
                    + "  --output topic                 word counts (default: word-counts)\n"
                    + "  --dead-letters topic           malformed input (default: sentences-dlq)\n"
                    + "  --window-seconds n             tumbling window size (default: 10)\n"
                    + "  --parallelism n                job parallelism (default: 2)\n"
                    + "  --guarantee g                  exactly-once, at-least-once or none"
                    + " (default: exactly-once)\n"
                    + "  --checkpoint-ms n              checkpoint interval (default: 2000)";

    static final List<String> OPTIONS =
            List.of(
                    "bootstrap-servers",
                    "input",
                    "output",
                    "dead-letters",
                    "window-seconds",
                    "parallelism",
                    "guarantee",
                    "checkpoint-ms");

    private WordCountJob() {}

    /** The job's settings, from the command line. */
    public record Settings(
            String bootstrapServers,
            String input,
            String output,
            String deadLetters,
            Duration window,
            int parallelism,
            DeliveryGuarantee guarantee,
            Duration checkpointInterval) {

        /** Reads the settings; {@code bootstrapServers} is used when none is given. */
        static Settings from(ExampleArgs args, String bootstrapServers) {
            return new Settings(
                    args.get("bootstrap-servers", bootstrapServers),
                    args.get("input", "sentences"),
                    args.get("output", "word-counts"),
                    args.get("dead-letters", "sentences-dlq"),
                    Duration.ofSeconds(args.getInt("window-seconds", 10)),
                    args.getInt("parallelism", 2),
                    guarantee(args.get("guarantee", "exactly-once")),
                    Duration.ofMillis(args.getInt("checkpoint-ms", 2_000)));
        }

        private static DeliveryGuarantee guarantee(String value) {
            try {
                return DeliveryGuarantee.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Option '--guarantee' must be exactly-once, at-least-once or none, got '"
                                + value
                                + "'");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        ExampleArgs options = ExampleArgs.parse(args, USAGE, OPTIONS);
        if (options.helpRequested()) {
            System.out.println("WordCountJob options:\n" + options.usage());
            return;
        }
        String servers = options.get("bootstrap-servers");
        try (EmbeddedDefaults embedded = servers == null ? EmbeddedDefaults.start() : null) {
            Settings settings =
                    Settings.from(
                            options, embedded == null ? servers : embedded.bootstrapServers());
            if (embedded != null) {
                embedded.createTopics(settings.input(), settings.output(), settings.deadLetters());
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
            build(env, settings);
            env.execute("Word count: " + settings.input() + " -> " + settings.output());
        }
    }

    /** Adds the word count pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, Settings settings) {
        env.setParallelism(settings.parallelism());
        env.enableCheckpointing(settings.checkpointInterval().toMillis());

        KafkaBridgeSourceBuilder<String> sourceBuilder =
                KafkaBridgeSource.<String>builder()
                        .setBootstrapServers(settings.bootstrapServers())
                        .setTopics(settings.input())
                        .setGroupId("word-count")
                        .setStartingOffsets(StartingOffsets.committed())
                        .setDeserializer(new SentenceDeserializer())
                        .setBadRecordPolicy(BadRecordPolicy.deadLetter(settings.deadLetters()));
        if (settings.guarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            // Dead letters with the job's guarantee: each bad sentence once, even across restarts.
            sourceBuilder
                    .setDeadLetterDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setDeadLetterTransactionalIdPrefix("word-count-" + settings.deadLetters());
        }
        KafkaBridgeSource<String> source = sourceBuilder.build();
        WatermarkStrategy<String> watermarks =
                WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ofSeconds(1))
                        .withIdleness(Duration.ofSeconds(5));
        DataStream<String> sentences = env.fromSource(source, watermarks, "sentences");

        DataStream<WordCount> counts =
                sentences
                        .flatMap(WordCountJob::words)
                        .returns(Types.TUPLE(Types.STRING, Types.LONG))
                        .keyBy(pair -> pair.f0)
                        .window(TumblingEventTimeWindows.of(settings.window()))
                        .aggregate(new CountWords(), new EmitWindow())
                        .keyBy(count -> count.word)
                        .process(new RunningTotal())
                        .name("running totals");

        KafkaBridgeSink<WordCount> sink =
                KafkaBridgeSink.<WordCount>builder()
                        .setBootstrapServers(settings.bootstrapServers())
                        .setRecordSerializer(new WordCountSerializer(settings.output()))
                        .setDeliveryGuarantee(settings.guarantee())
                        .setTransactionalIdPrefix("word-count-" + settings.output())
                        .build();
        counts.sinkTo(sink).name("word counts");
    }

    /** Writes a count as JSON keyed by its word, timestamped with its window's end. */
    static final class WordCountSerializer implements KafkaRecordSerializer<WordCount> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        WordCountSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(WordCount count, Context context) {
            return new ProducerRecord<>(
                    topic,
                    null,
                    count.windowEnd,
                    count.word.getBytes(StandardCharsets.UTF_8),
                    count.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Splits a sentence into lower-case words, each with a count of one. */
    static void words(String sentence, Collector<Tuple2<String, Long>> out) {
        for (String word : sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (!word.isEmpty()) {
                out.collect(Tuple2.of(word, 1L));
            }
        }
    }

    /** Counts the pairs of one word in one window, without keeping them. */
    static final class CountWords implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, Long> pair, Long count) {
            return count + pair.f1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    /** Turns a window's count into a {@link WordCount} (total filled in later). */
    static final class EmitWindow
            extends ProcessWindowFunction<Long, WordCount, String, TimeWindow> {
        @Override
        public void process(
                String word, Context context, Iterable<Long> counts, Collector<WordCount> out) {
            long count = counts.iterator().next();
            TimeWindow window = context.window();
            out.collect(new WordCount(word, window.getStart(), window.getEnd(), count, count));
        }
    }

    /** Keeps the running total of each word in keyed state. */
    static final class RunningTotal extends KeyedProcessFunction<String, WordCount, WordCount> {
        private transient ValueState<Long> total;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            total = getRuntimeContext().getState(new ValueStateDescriptor<>("total", Types.LONG));
        }

        @Override
        public void processElement(WordCount window, Context context, Collector<WordCount> out)
                throws Exception {
            Long before = total.value();
            long now = (before == null ? 0 : before) + window.count;
            total.update(now);
            out.collect(
                    new WordCount(
                            window.word, window.windowStart, window.windowEnd, window.count, now));
        }
    }
}
