package io.github.flinkkafkabridge.examples.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.examples.wordcount.WordCount;
import io.github.flinkkafkabridge.examples.wordcount.WordCountJob;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples' {@code -flink.jar}, exactly as {@code package} builds it, runs with {@code flink
 * run} on a standalone Flink 2.3 session cluster: a JobManager and a TaskManager in JVMs of their
 * own, with only Flink's jars on their classpath (so this library, kafka-clients and their
 * dependencies must come from the jar, loaded child-first by the user-code class loader), the job
 * submitted by Flink's CLI in a third JVM, against a Kafka broker in yet another process (this
 * test's JVM).
 *
 * <p>The job is {@link WordCountJob}, as the README runs it: exactly-once output, a dead-letter
 * topic for malformed input. Its output is read back from Kafka with {@code read_committed}.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlinkRunOnClusterIT {

    /** System property with the path of the jar to run. */
    static final String JAR_PROPERTY = "flink.examples.jar";

    /** System property with the directory for the cluster's configuration, logs and files. */
    static final String WORK_DIR_PROPERTY = "flink.cluster.work.dir";

    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);
    private static final long T0 = 1_700_000_000_000L; // a multiple of the window size

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @Test
    void wordCountJarRunsUnchangedWithFlinkRunOnStandaloneCluster() throws Exception {
        FlinkDistribution flink = FlinkDistribution.fromBuild();
        assertThat(flink.jars())
                .as("the cluster classpath must not provide what the jar has to bring")
                .extracting(jar -> jar.getFileName().toString())
                .noneMatch(
                        name ->
                                name.startsWith("flink-kafka-bridge")
                                        || name.startsWith("kafka")
                                        || name.startsWith("HdrHistogram"));
        Path jar = existingPath(JAR_PROPERTY);

        // One partition per source subtask, so that no window waits for an idle subtask.
        String input = KAFKA.createTopic("sentences", 2);
        String output = KAFKA.createTopic("word-counts", 2);
        String deadLetters = KAFKA.createTopic("sentences-dlq", 1);
        byte[] malformed = {(byte) 0xC3, (byte) 0x28};
        KafkaTestRecords.produce(
                KAFKA.cluster(),
                List.of(
                        sentence(input, 0, 1_000, "Kafka, Flink and KAFKA"),
                        sentence(input, 1, 2_000, "flink"),
                        new ProducerRecord<>(input, 0, T0 + 3_000, null, malformed),
                        sentence(input, 1, 12_000, "kafka"),
                        // Move the watermark of both partitions past the first two windows.
                        sentence(input, 0, 40_000, "later"),
                        sentence(input, 1, 40_000, "later")));

        try (StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(flink, workDir(), 2)) {
            String jobId =
                    cluster.runDetached(
                            jar,
                            WordCountJob.class.getName(),
                            List.of(
                                    "--bootstrap-servers",
                                    KAFKA.bootstrapServers(),
                                    "--input",
                                    input,
                                    "--output",
                                    output,
                                    "--dead-letters",
                                    deadLetters,
                                    "--window-seconds",
                                    "10",
                                    "--parallelism",
                                    "2",
                                    "--checkpoint-ms",
                                    "500"));

            List<String> counts = awaitRecords(cluster, jobId, output, 4);
            assertThat(counts)
                    .as("word counts of job %s; logs in %s", jobId, cluster.logDir())
                    .containsExactlyInAnyOrder(
                            new WordCount("kafka", T0, T0 + 10_000, 2, 2).toJson(),
                            new WordCount("flink", T0, T0 + 10_000, 2, 2).toJson(),
                            new WordCount("and", T0, T0 + 10_000, 1, 1).toJson(),
                            new WordCount("kafka", T0 + 10_000, T0 + 20_000, 1, 3).toJson());
            List<ConsumerRecord<byte[], byte[]>> letters =
                    KafkaTestRecords.consume(KAFKA.cluster(), deadLetters, 1, OUTPUT_TIMEOUT);
            assertThat(letters)
                    .as("dead letters of job %s; logs in %s", jobId, cluster.logDir())
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.value()).isEqualTo(malformed));

            cluster.rest().cancel(jobId);
            Await.until(
                    CANCEL_TIMEOUT,
                    "job " + jobId + " to be CANCELED",
                    cluster::describeLogs,
                    () -> cluster.rest().jobState(jobId).equals("CANCELED"));
            // A session cluster outlives its jobs: the job's Kafka clients must be closed, or
            // their threads keep the job's class loader (and its copy of kafka-clients) alive.
            List<String> kafkaThreads = new ArrayList<>();
            Await.until(
                    CANCEL_TIMEOUT,
                    "the Kafka client threads of job " + jobId + " to end",
                    () -> "Still running: " + kafkaThreads + "\n" + cluster.describeLogs(),
                    () -> {
                        kafkaThreads.clear();
                        cluster.rest().taskManagerThreads().stream()
                                .filter(name -> name.startsWith("kafka-"))
                                .forEach(kafkaThreads::add);
                        return kafkaThreads.isEmpty();
                    });
        }
    }

    /**
     * Reads the topic until {@code expected} committed records are there. Fails at once, with the
     * cluster's exception and logs, if the job fails; after {@link #OUTPUT_TIMEOUT}, with what was
     * read, the job's state and checkpoint count, and the logs.
     */
    private static List<String> awaitRecords(
            StandaloneFlinkCluster cluster, String jobId, String topic, int expected)
            throws Exception {
        long deadline = System.nanoTime() + OUTPUT_TIMEOUT.toNanos();
        while (true) {
            List<String> values =
                    KafkaTestRecords.consumeStrings(
                            KAFKA.cluster(), topic, expected, Duration.ofSeconds(1));
            if (values.size() >= expected) {
                return values;
            }
            Optional<String> failure = cluster.rest().latestFailure(jobId);
            if (failure.isPresent()) {
                throw new AssertionError(
                        "Job "
                                + jobId
                                + " failed on the cluster: "
                                + failure.get()
                                + "\n"
                                + cluster.describeLogs());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "Job "
                                + jobId
                                + " wrote "
                                + values
                                + " to "
                                + topic
                                + " within "
                                + OUTPUT_TIMEOUT.toSeconds()
                                + " s, expected "
                                + expected
                                + " records; job state "
                                + cluster.rest().jobState(jobId)
                                + ", "
                                + cluster.rest().completedCheckpoints(jobId)
                                + " completed checkpoints\n"
                                + cluster.describeLogs());
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> sentence(
            String topic, int partition, long offsetMs, String text) {
        return new ProducerRecord<>(topic, partition, T0 + offsetMs, null, text.getBytes(UTF_8));
    }

    private static Path workDir() {
        String dir = System.getProperty(WORK_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException(
                    "System property '" + WORK_DIR_PROPERTY + "' is not set: run through Maven");
        }
        return Path.of(dir);
    }

    private static Path existingPath(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException(
                    "System property '"
                            + property
                            + "' must name the jar built by `package`, got "
                            + value
                            + ": run through Maven (verify)");
        }
        return Path.of(value);
    }
}
