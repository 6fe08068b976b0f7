package io.github.flinkkafkabridge.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgePartitioner;
import io.github.flinkkafkabridge.sink.KafkaSendException;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.MetricNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class AtLeastOnceWriterTest {

    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final List<Properties> producerProperties = new ArrayList<>();
    private final MetricListener metrics = new MetricListener();
    private final WriterInitContext context = TestWriterContexts.context(1, 3, metrics);

    private final KafkaClientFactory clients =
            new KafkaClientFactory() {
                @Override
                public Producer<byte[], byte[]> createProducer(Properties properties) {
                    Node node = new Node(0, "localhost", 9092);
                    Cluster cluster =
                            new Cluster(
                                    "c",
                                    List.of(node),
                                    List.of(
                                            new PartitionInfo("out", 0, node, null, null),
                                            new PartitionInfo("out", 1, node, null, null),
                                            new PartitionInfo("out", 2, node, null, null)),
                                    java.util.Set.of(),
                                    java.util.Set.of());
                    MockProducer<byte[], byte[]> producer =
                            new MockProducer<>(
                                    cluster,
                                    false,
                                    null,
                                    new ByteArraySerializer(),
                                    new ByteArraySerializer());
                    producers.add(producer);
                    producerProperties.add(properties);
                    return producer;
                }

                @Override
                public Admin createAdmin(Properties properties) {
                    // No broker here: the sink keeps Kafka's batching defaults.
                    throw new org.apache.kafka.common.KafkaException("no broker in unit tests");
                }
            };

    private AtLeastOnceWriter<String> writer(
            DeliveryGuarantee guarantee,
            SendErrorPolicy policy,
            @Nullable KafkaBridgePartitioner<String> partitioner)
            throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "localhost:9092");
        props.setProperty("transactional.id", "ignored");
        SinkSettings<String> settings =
                new SinkSettings<>(
                        props,
                        guarantee,
                        KafkaRecordSerializer.utf8String("out"),
                        partitioner,
                        null,
                        5,
                        policy,
                        "sink-id");
        return new AtLeastOnceWriter<>(settings, context, clients);
    }

    private static SinkWriter.Context at(@Nullable Long timestamp) {
        return new SinkWriter.Context() {
            @Override
            public long currentWatermark() {
                return Long.MIN_VALUE;
            }

            @Override
            public Long timestamp() {
                return timestamp;
            }
        };
    }

    @Test
    void sendsSerializedRecordsAndCountsThem() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(DeliveryGuarantee.AT_LEAST_ONCE, SendErrorPolicy.fail(), null)) {
            writer.write("a", at(7L));
            writer.write("bc", at(null));
            writer.flush(false);

            MockProducer<byte[], byte[]> producer = producers.get(0);
            assertThat(producer.history())
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("a", "bc");
            assertThat(producer.history().get(0).timestamp()).isEqualTo(7L);
            assertThat(metrics.getCounter(MetricNames.NUM_RECORDS_SEND))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(2));
            assertThat(metrics.getCounter(MetricNames.NUM_BYTES_SEND))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(3));
            // The pipeline metrics count what Kafka acknowledged: everything, after the flush.
            assertThat(metrics.getCounter("KafkaBridgeSink", "recordsWritten"))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(2));
            assertThat(metrics.getCounter("KafkaBridgeSink", "bytesWritten"))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(3));
            assertThat(producerProperties.get(0).getProperty("transactional.id")).isNull();
            assertThat(producerProperties.get(0).getProperty("key.serializer"))
                    .isEqualTo(ByteArraySerializer.class.getName());
            assertThat(producerProperties.get(0).getProperty("max.block.ms")).isEqualTo("30000");
        }
    }

    @Test
    void atLeastOnceFlushWaitsForAcknowledgementsAndNoneDoesNotFlushAtCheckpoints()
            throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(DeliveryGuarantee.AT_LEAST_ONCE, SendErrorPolicy.fail(), null)) {
            writer.write("a", at(null));
            assertThat(producers.get(0).flushed()).isFalse();
            writer.flush(false);
            assertThat(producers.get(0).flushed()).isTrue();
        }
        try (AtLeastOnceWriter<String> writer =
                writer(DeliveryGuarantee.NONE, SendErrorPolicy.fail(), null)) {
            writer.write("a", at(null));
            writer.flush(false);
            assertThat(producers.get(1).flushed()).isFalse();
            writer.flush(true);
            assertThat(producers.get(1).flushed()).isTrue();
        }
    }

    @Test
    void anAsynchronousSendErrorFailsTheNextFlushNamingTopicPartitionAndSizes() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(DeliveryGuarantee.AT_LEAST_ONCE, SendErrorPolicy.fail(), null)) {
            writer.write("x".repeat(10), at(null));
            producers.get(0).errorNext(new RecordTooLargeException("The message is too large"));

            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(KafkaSendException.class)
                    .hasMessageContaining("topic 'out'")
                    .hasMessageContaining("key 0 bytes, value 10 bytes")
                    .hasMessageContaining("max.request.size")
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            // The error stays: the next write fails as well, nothing vanishes.
            assertThatThrownBy(() -> writer.write("y", at(null)))
                    .isInstanceOf(KafkaSendException.class);
            assertThat(metrics.getCounter(MetricNames.NUM_RECORDS_SEND_ERRORS))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(1));
        }
    }

    @Test
    void rejectedCredentialsFailTheFlushInsteadOfDeadLetteringTheRecord() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        SendErrorPolicy.deadLetter("out-dlq"),
                        null)) {
            writer.write("innocent", at(null));
            producers
                    .get(0)
                    .errorNext(new SaslAuthenticationException("Invalid username or password"));

            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(KafkaSendException.class)
                    .hasMessageContaining("topic 'out'")
                    .hasMessageContaining(
                            "Authentication failed: Kafka at localhost:9092 rejected the"
                                    + " credentials of the KafkaBridgeSink writer's producer")
                    .hasMessageContaining("sasl.jaas.config")
                    .cause()
                    .isInstanceOf(KafkaBridgeAuthenticationException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
            assertThat(producers.get(0).history())
                    .as("nothing written to the dead-letter topic")
                    .extracting(ProducerRecord::topic)
                    .containsExactly("out");
        }
    }

    @Test
    void deadLetterPolicyRoutesRejectedRecordsWithErrorHeaders() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        SendErrorPolicy.deadLetter("out-dlq"),
                        null)) {
            writer.write("bad", at(3L));
            writer.write("good", at(null));
            producers.get(0).errorNext(new RecordTooLargeException("too large"));
            writer.flush(false);

            List<ProducerRecord<byte[], byte[]>> history = producers.get(0).history();
            assertThat(history).hasSize(3);
            ProducerRecord<byte[], byte[]> dead = history.get(2);
            assertThat(dead.topic()).isEqualTo("out-dlq");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("bad");
            assertThat(dead.timestamp()).isEqualTo(3L);
            assertThat(header(dead, DeadLetterHeaders.ERROR_CLASS))
                    .isEqualTo(RecordTooLargeException.class.getName());
            assertThat(header(dead, DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("too large");
            assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("out");
            assertThat(header(dead, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("-1");
            assertThat(producers.get(0).flushed()).isTrue();
            assertThat(metrics.getCounter("KafkaBridgeSink", "recordsDeadLettered"))
                    .hasValueSatisfying(c -> assertThat(c.getCount()).isEqualTo(1));
        }
    }

    @Test
    void aRecordThatCannotBeDeadLetteredFailsTheJob() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        SendErrorPolicy.deadLetter("out-dlq"),
                        null)) {
            writer.write("bad", at(null));
            MockProducer<byte[], byte[]> producer = producers.get(0);
            producer.errorNext(new RecordTooLargeException("too large"));
            producer.sendException = new KafkaException("dead-letter topic unavailable");
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(KafkaSendException.class)
                    .hasMessageContaining("dead-letter topic 'out-dlq'")
                    .hasMessageContaining("dead-letter topic unavailable");
        }
    }

    @Test
    void partitionerChoosesAmongTheTopicsPartitions() throws Exception {
        try (AtLeastOnceWriter<String> writer =
                writer(
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        SendErrorPolicy.fail(),
                        KafkaBridgePartitioner.fixed())) {
            writer.write("a", at(null));
            writer.flush(false);
            // Subtask 1 of 3 with partitions [0, 1, 2].
            assertThat(producers.get(0).history().get(0).partition()).isEqualTo(1);
        }
    }

    @Test
    void aSerializerFailureNamesTheSerializer() throws Exception {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "localhost:9092");
        KafkaRecordSerializer<String> failing =
                (element, ctx) -> {
                    throw new IllegalStateException("cannot encode " + element);
                };
        SinkSettings<String> settings =
                new SinkSettings<>(
                        props,
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        failing,
                        null,
                        null,
                        5,
                        SendErrorPolicy.fail(),
                        "id");
        try (AtLeastOnceWriter<String> writer =
                new AtLeastOnceWriter<>(settings, context, clients)) {
            assertThatThrownBy(() -> writer.write("e1", at(null)))
                    .hasMessageContaining("Failed to serialize")
                    .hasMessageContaining("cannot encode e1");
        }
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
