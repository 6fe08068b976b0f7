package io.github.flinkkafkabridge.source.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.testing.WrongCredentials;
import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reader's own Kafka clients against a broker that rejects their credentials: the consumer
 * (reading and committing offsets) and both dead-letter writers. In a job the enumerator meets
 * wrong credentials first (see {@code KafkaBridgeSourceAuthenticationIT}); these clients are
 * checked here one by one, each failing at once with a message naming the servers and settings.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReaderClientsAuthenticationIT {

    /** Far below the library's client timeouts (metadata 60 s, max.block.ms 30 s). */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(15);

    private static final String TOPIC = "reader-input";
    private static final String DEAD_LETTERS = "reader-dead-letters";

    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = WrongCredentials.startCluster();
        kafka.createTopic(TOPIC, 1);
        kafka.createTopic(DEAD_LETTERS, 1);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void theConsumerFailsTheFetchAtOnce(WrongCredentials credentials) throws Exception {
        try (KafkaPartitionSplitReader reader = splitReader(credentials)) {
            reader.handleSplitsChanges(
                    new SplitsAddition<>(
                            List.of(
                                    new KafkaPartitionSplit(
                                            new TopicPartition(TOPIC, 0),
                                            0,
                                            KafkaPartitionSplit.NO_STOPPING_OFFSET))));
            long deadline = System.nanoTime() + FAILS_WITHIN.toNanos();
            Throwable failure = null;
            // A poll that has not connected yet returns nothing; the failure comes with a later
            // one.
            while (failure == null && System.nanoTime() < deadline) {
                failure = catchThrowable(reader::fetch);
            }
            WrongCredentials.assertExplained(failure, kafka, "KafkaBridgeSource reader's consumer");
        }
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void anOffsetCommitReportsTheRejectedCredentials(WrongCredentials credentials)
            throws Exception {
        try (KafkaPartitionSplitReader reader = splitReader(credentials)) {
            AtomicReference<Exception> error = new AtomicReference<>();
            long start = System.nanoTime();
            reader.commitOffsets(
                    Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(1)),
                    (offsets, e) -> error.set(e));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
            assertThat(error.get()).isInstanceOf(KafkaBridgeAuthenticationException.class);
            WrongCredentials.assertExplained(
                    error.get(), kafka, "KafkaBridgeSource reader's consumer");
        }
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void anAtLeastOnceDeadLetterFailsTheCheckpointAtOnce(WrongCredentials credentials) {
        DeadLetterWriter writer =
                DeadLetterWriters.create(
                        deadLetterSettings(credentials, DeliveryGuarantee.AT_LEAST_ONCE),
                        new TestingReaderContext(),
                        KafkaClientFactory.DEFAULT);
        long start = System.nanoTime();
        Throwable failure =
                catchThrowable(
                        () -> {
                            writer.recover();
                            writer.write(bad(), new IOException("not a record"));
                            writer.snapshotState(1);
                        });
        writer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        assertThat(failure)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(TOPIC + "-0 at offset 7")
                .hasMessageContaining("'" + DEAD_LETTERS + "'");
        WrongCredentials.assertExplained(failure, kafka, "KafkaBridgeSource dead-letter producer");
    }

    @ParameterizedTest
    @EnumSource(WrongCredentials.class)
    void anExactlyOnceDeadLetterWriterFailsItsStartAtOnce(WrongCredentials credentials) {
        DeadLetterWriter writer =
                DeadLetterWriters.create(
                        deadLetterSettings(credentials, DeliveryGuarantee.EXACTLY_ONCE),
                        new TestingReaderContext(),
                        KafkaClientFactory.DEFAULT);
        long start = System.nanoTime();
        Throwable failure = catchThrowable(writer::recover);
        writer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_WITHIN);
        WrongCredentials.assertExplained(failure, kafka, "KafkaBridgeSource dead-letter");
    }

    private static KafkaPartitionSplitReader splitReader(WrongCredentials credentials) {
        Properties props = credentials.clientProperties(kafka);
        props.setProperty("group.id", "reader-group-" + credentials.name());
        props.setProperty("enable.auto.commit", "false");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new KafkaPartitionSplitReader(
                consumer, kafka.bootstrapServers(), Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    private static DeadLetterSettings deadLetterSettings(
            WrongCredentials credentials, DeliveryGuarantee guarantee) {
        boolean exactlyOnce = guarantee == DeliveryGuarantee.EXACTLY_ONCE;
        return new DeadLetterSettings(
                DEAD_LETTERS,
                guarantee,
                exactlyOnce ? "reader-dlq-" + credentials.name() : null,
                Duration.ofMinutes(1),
                credentials.clientProperties(kafka),
                "reader-" + credentials.name(),
                Duration.ofSeconds(30),
                "source-" + credentials.name());
    }

    private static ConsumerRecord<byte[], byte[]> bad() {
        return new ConsumerRecord<>(TOPIC, 0, 7, "k".getBytes(UTF_8), "poison".getBytes(UTF_8));
    }
}
