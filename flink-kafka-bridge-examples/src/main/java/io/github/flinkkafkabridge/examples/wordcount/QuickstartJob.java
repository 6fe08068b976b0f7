package io.github.flinkkafkabridge.examples.wordcount;

import io.github.flinkkafkabridge.examples.EmbeddedDefaults;
import io.github.flinkkafkabridge.examples.ExampleArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The quickstart: starts an in-process Kafka broker (unless {@code --bootstrap-servers} is given),
 * a generator writing sentences (with an occasional malformed one) at a steady rate, and {@link
 * WordCountJob} on a local Flink; prints progress every few seconds (records read and written,
 * rates, p99 end-to-end latency, lag) and the latest counts, and stops after {@code --duration}
 * seconds or on Ctrl-C with a summary.
 */
public final class QuickstartJob {

    private static final String USAGE =
            WordCountJob.USAGE
                    + "\n  --duration seconds             how long to run (default: 60)"
                    + "\n  --rate n                       sentences per second (default: 2000)"
                    + "\n  --report-seconds n             progress interval (default: 5)"
                    + "\n  --prometheus-port n            also export the metrics for Prometheus at"
                    + " http://127.0.0.1:n/metrics (default: off)";

    private static final String[] WORDS = {
        "kafka", "flink", "stream", "record", "offset", "partition", "window", "state",
        "watermark", "checkpoint", "topic", "event", "latency", "rate", "sink", "source"
    };

    private QuickstartJob() {}

    public static void main(String[] args) throws Exception {
        List<String> known = new ArrayList<>(WordCountJob.OPTIONS);
        known.addAll(List.of("duration", "rate", "report-seconds", "prometheus-port"));
        ExampleArgs options = ExampleArgs.parse(args, USAGE, known);
        if (options.helpRequested()) {
            System.out.println("QuickstartJob options:\n" + options.usage());
            return;
        }
        String servers = options.get("bootstrap-servers");
        try (EmbeddedDefaults embedded = servers == null ? EmbeddedDefaults.start() : null) {
            WordCountJob.Settings settings =
                    WordCountJob.Settings.from(
                            options, embedded == null ? servers : embedded.bootstrapServers());
            if (embedded != null) {
                embedded.createTopics(settings.input(), settings.output(), settings.deadLetters());
            }
            run(
                    settings,
                    Duration.ofSeconds(options.getInt("duration", 60)),
                    options.getInt("rate", 2_000),
                    Duration.ofSeconds(options.getInt("report-seconds", 5)),
                    options.getInt("prometheus-port", 0));
        }
    }

    /**
     * Runs generator, job and progress report until {@code duration} passed or Ctrl-C.
     *
     * @param prometheusPort where Flink's Prometheus reporter listens, or 0 for none
     */
    static Summary run(
            WordCountJob.Settings settings,
            Duration duration,
            int rate,
            Duration reportEvery,
            int prometheusPort)
            throws Exception {
        Configuration conf = new Configuration();
        conf.setString(
                "metrics.reporter.progress.factory.class",
                ProgressReporter.Factory.class.getName());
        conf.setString("metrics.reporter.progress.interval", "1 s");
        if (prometheusPort > 0) {
            // Flink's Prometheus reporter; prometheus/ in this module has a scrape configuration
            // and a Grafana dashboard of the library's metrics.
            conf.setString(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            conf.setString("metrics.reporter.prom.port", String.valueOf(prometheusPort));
            System.out.printf(
                    "Prometheus metrics at http://127.0.0.1:%d/metrics%n", prometheusPort);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        WordCountJob.build(env, settings);

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stop.set(true);
                            try {
                                stopped.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);

        Generator generator = new Generator(settings, rate, stop);
        Thread generatorThread = new Thread(generator, "sentence-generator");
        generatorThread.setDaemon(true);
        generatorThread.start();
        JobClient job = env.executeAsync("Quickstart word count");
        LatestCounts latest = new LatestCounts(settings);
        long start = System.nanoTime();
        System.out.printf(
                "Running for %d s: %d sentences/s into '%s', word counts in '%s', malformed input"
                        + " in '%s'. Ctrl-C stops.%n",
                duration.toSeconds(),
                rate,
                settings.input(),
                settings.output(),
                settings.deadLetters());
        try {
            long deadline = start + duration.toNanos();
            long nextReport = start + reportEvery.toNanos();
            while (!stop.get() && System.nanoTime() < deadline) {
                latest.poll(Duration.ofMillis(200));
                if (System.nanoTime() >= nextReport) {
                    printProgress(start, latest);
                    nextReport += reportEvery.toNanos();
                }
            }
            stop.set(true);
            latest.poll(Duration.ofMillis(500));
            // Taken before the cancel: a cancelled job's metrics are unregistered.
            Summary summary = summary(start, generator, latest);
            job.cancel().get(60, TimeUnit.SECONDS);
            System.out.println(summary);
            return summary;
        } finally {
            latest.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the summary above.
            }
        }
    }

    private static void printProgress(long start, LatestCounts latest) {
        System.out.printf(
                Locale.ROOT,
                "[%4ds] read %,d (%,.0f/s) | written %,d (%,.0f/s) | p99 latency %s | lag %s |"
                        + " dead letters %,d | top words %s%n",
                (System.nanoTime() - start) / 1_000_000_000L,
                (long) ProgressReporter.sum("KafkaBridgeSource.recordsRead"),
                ProgressReporter.sum("KafkaBridgeSource.recordsReadPerSecond"),
                (long) ProgressReporter.sum("KafkaBridgeSink.recordsWritten"),
                ProgressReporter.sum("KafkaBridgeSink.recordsWrittenPerSecond"),
                millis(ProgressReporter.maxQuantile("KafkaBridgeSink.endToEndLatency", 0.99)),
                seconds(ProgressReporter.max("KafkaBridgeSource.timeLagSeconds")),
                (long) ProgressReporter.sum("KafkaBridgeSource.recordsDeadLettered"),
                latest.top(5));
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static Summary summary(long start, Generator generator, LatestCounts latest) {
        return new Summary(
                Duration.ofNanos(System.nanoTime() - start),
                generator.sent.get(),
                generator.malformed.get(),
                (long) ProgressReporter.sum("KafkaBridgeSource.recordsRead"),
                (long) ProgressReporter.sum("KafkaBridgeSink.recordsWritten"),
                (long) ProgressReporter.sum("KafkaBridgeSource.recordsDeadLettered"),
                latest.windows,
                latest.top(10));
    }

    /** What a quickstart run did. */
    record Summary(
            Duration ran,
            long sentencesWritten,
            long malformedWritten,
            long recordsRead,
            long countsWritten,
            long deadLettered,
            long windowResultsRead,
            String topWords) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "Summary after %d s: %,d sentences written (%,d malformed), %,d records read,"
                            + " %,d word counts written and %,d read back (exactly once,"
                            + " read_committed), %,d records dead-lettered.%nTop words: %s",
                    ran.toSeconds(),
                    sentencesWritten,
                    malformedWritten,
                    recordsRead,
                    countsWritten,
                    windowResultsRead,
                    deadLettered,
                    topWords);
        }
    }

    /** Writes sentences at a steady rate, each timestamped now; one in 500 is malformed. */
    private static final class Generator implements Runnable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        private final WordCountJob.Settings settings;
        private final int rate;
        private final AtomicBoolean stop;

        Generator(WordCountJob.Settings settings, int rate, AtomicBoolean stop) {
            this.settings = settings;
            this.rate = rate;
            this.stop = stop;
        }

        @Override
        public void run() {
            Properties props = new Properties();
            props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
            Random random = new Random(7);
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(
                            props, new ByteArraySerializer(), new ByteArraySerializer())) {
                long begin = System.nanoTime();
                long n = 0;
                while (!stop.get()) {
                    byte[] value;
                    if (++n % 500 == 0) {
                        value = new byte[] {(byte) 0xC3, (byte) 0x28}; // not UTF-8
                        malformed.incrementAndGet();
                    } else {
                        value = sentence(random).getBytes(StandardCharsets.UTF_8);
                    }
                    producer.send(new ProducerRecord<>(settings.input(), value));
                    sent.incrementAndGet();
                    long due = begin + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String sentence(Random random) {
            StringBuilder s = new StringBuilder();
            int words = 3 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            return s.toString();
        }
    }

    /** Reads the word counts back with read_committed and keeps the latest window's counts. */
    private static final class LatestCounts implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Map<String, Long> latestWindow = new HashMap<>();
        private long latestWindowEnd = Long.MIN_VALUE;
        long windows;

        LatestCounts(WordCountJob.Settings settings) {
            Properties props = new Properties();
            props.setProperty("bootstrap.servers", settings.bootstrapServers());
            props.setProperty("isolation.level", "read_committed");
            props.setProperty("auto.offset.reset", "earliest");
            props.setProperty("group.id", "quickstart-results-" + System.nanoTime());
            consumer =
                    new KafkaConsumer<>(
                            props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(settings.output()));
        }

        void poll(Duration timeout) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                windows++;
                String json = new String(record.value(), StandardCharsets.UTF_8);
                long end = field(json, "windowEnd");
                if (end > latestWindowEnd) {
                    latestWindowEnd = end;
                    latestWindow.clear();
                }
                if (end == latestWindowEnd) {
                    latestWindow.put(
                            new String(record.key(), StandardCharsets.UTF_8), field(json, "count"));
                }
            }
        }

        String top(int n) {
            if (latestWindow.isEmpty()) {
                return "(no window closed yet)";
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>(latestWindow.entrySet());
            entries.sort(
                    Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()));
            StringBuilder s = new StringBuilder();
            for (Map.Entry<String, Long> e : entries.subList(0, Math.min(n, entries.size()))) {
                s.append(s.length() == 0 ? "" : ", ")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue());
            }
            return s.toString();
        }

        private static long field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
            int end = at;
            while (end < json.length()
                    && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
                end++;
            }
            return Long.parseLong(json.substring(at, end));
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
