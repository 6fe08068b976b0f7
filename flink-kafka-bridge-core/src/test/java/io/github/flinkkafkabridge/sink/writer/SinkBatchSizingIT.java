package io.github.flinkkafkabridge.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.sink.KafkaBridgeSinkBuilder;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import io.github.flinkkafkabridge.sink.testing.KafkaReads;
import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's batching on a real broker: large batches where the topics allow them, batches within a
 * small {@code max.message.bytes} otherwise, and why a batch size above that limit fails; and the
 * producer's {@code buffer.memory} and socket buffer.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SinkBatchSizingIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final int RECORDS = 5_000;
    private static final String VALUE = "v".repeat(100);

    private static KafkaBridgeSinkBuilder<String> sinkTo(String topic) {
        return KafkaBridgeSink.<String>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("delivery.timeout.ms", "5000")
                .setProperty("request.timeout.ms", "2000");
    }

    /** Writes {@link #RECORDS} values in one go and waits for their acknowledgements. */
    private static Properties writeAll(KafkaBridgeSink<String> sink) throws Exception {
        try (KafkaWriterBase<String> writer =
                sink.createWriter(TestWriterContexts.context(0, 1, new MetricListener()))) {
            for (int i = 0; i < RECORDS; i++) {
                writer.write(VALUE, TestWriterContexts.NO_TIMESTAMP);
            }
            writer.flush(false);
            return writer.producerProperties();
        }
    }

    @Test
    void topicsWithKafkasDefaultLimitGetLargeBatches() throws Exception {
        String topic = KAFKA.createTopic("large-batches", 1);

        Properties used = writeAll(sinkTo(topic).build());

        assertThat(used.getProperty("batch.size")).isEqualTo("131072");
        assertThat(used.getProperty("linger.ms")).isEqualTo("1");
        // The writer's producer, which had every record acknowledged, used the system's buffer.
        assertThat(
                        ProducerProperties.nonTransactional(used, "w-0")
                                .getProperty("send.buffer.bytes"))
                .isEqualTo("-1");
        assertThat(
                        KafkaReads.readAll(
                                KAFKA.bootstrapServers(), topic, false, Duration.ofSeconds(30)))
                .hasSize(RECORDS);
    }

    @Test
    void theProducerBuffersEightMibUnlessTheUserChose() throws Exception {
        String topic = KAFKA.createTopic("buffer-memory", 1);

        assertThat(bufferTotalBytes(sinkTo(topic), "buffer-default")).isEqualTo(8L * 1024 * 1024);
        assertThat(
                        bufferTotalBytes(
                                sinkTo(topic).setProperty("buffer.memory", "33554432"),
                                "buffer-user"))
                .isEqualTo(32L * 1024 * 1024);
    }

    /**
     * The {@code buffer-total-bytes} metric of the writer's producer after one acknowledged send.
     */
    private static long bufferTotalBytes(KafkaBridgeSinkBuilder<String> builder, String clientId)
            throws Exception {
        KafkaBridgeSink<String> sink = builder.setProperty("client.id", clientId).build();
        try (KafkaWriterBase<String> writer =
                sink.createWriter(TestWriterContexts.context(0, 1, new MetricListener()))) {
            writer.write(VALUE, TestWriterContexts.NO_TIMESTAMP);
            writer.flush(false);
            Object value =
                    ManagementFactory.getPlatformMBeanServer()
                            .getAttribute(
                                    new ObjectName(
                                            "kafka.producer:type=producer-metrics,client-id="
                                                    + clientId),
                                    "buffer-total-bytes");
            return ((Number) value).longValue();
        }
    }

    @Test
    void aTopicWithASmallLimitGetsBatchesWithinItAndTheDeadLetterTopicCounts() throws Exception {
        String topic = KAFKA.uniqueTopic("small-limit");
        KAFKA.cluster().createTopic(topic, 1, Map.of("max.message.bytes", "50000"));
        String deadLetters = KAFKA.uniqueTopic("small-limit-dlq");
        KAFKA.cluster().createTopic(deadLetters, 1, Map.of("max.message.bytes", "20000"));

        Properties used =
                writeAll(
                        sinkTo(topic)
                                .setSendErrorPolicy(SendErrorPolicy.deadLetter(deadLetters))
                                .build());

        assertThat(used.getProperty("batch.size")).isEqualTo("20000");
        List<String> written =
                KafkaReads.readAll(KAFKA.bootstrapServers(), topic, false, Duration.ofSeconds(30));
        assertThat(written).hasSize(RECORDS).containsOnly(VALUE);
        assertThat(
                        KafkaReads.readAll(
                                KAFKA.bootstrapServers(),
                                deadLetters,
                                false,
                                Duration.ofSeconds(2)))
                .isEmpty();
    }
}
