package io.github.flinkkafkabridge.source.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.serde.DeserializerUnavailableException;
import io.github.flinkkafkabridge.serde.RecordDeserializationException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class BadRecordHandlerTest {

    private static final IOException CAUSE = new IOException("Unexpected character 'x'");

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicInteger producersCreated = new AtomicInteger();

    private final AtLeastOnceDeadLetterWriter writer =
            new AtLeastOnceDeadLetterWriter(
                    "orders-dlq",
                    "localhost:9092",
                    () -> {
                        producersCreated.incrementAndGet();
                        return producer;
                    });

    private static ConsumerRecord<byte[], byte[]> bad(long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "t-1".getBytes(UTF_8));
        return new ConsumerRecord<>(
                "orders",
                3,
                offset,
                1_700_000_000_000L,
                TimestampType.CREATE_TIME,
                3,
                4,
                "key".getBytes(UTF_8),
                "{bad".getBytes(UTF_8),
                headers,
                Optional.empty());
    }

    private BadRecordHandler deadLetters() {
        return new BadRecordHandler(
                BadRecordPolicy.deadLetter("orders-dlq"), writer, null, System::nanoTime);
    }

    @Test
    void failThrowsNamingTheRecord() {
        BadRecordHandler handler = BadRecordHandler.failing(null);

        assertThat(handler.holdsBackElements()).isFalse();
        assertThatThrownBy(() -> handler.handle(bad(1042), CAUSE))
                .isInstanceOf(RecordDeserializationException.class)
                .hasMessageContaining("orders-3 at offset 1042")
                .hasMessageContaining("key 3 bytes, value 4 bytes")
                .hasCause(CAUSE);
    }

    @Test
    void skipContinuesCountingEveryBadRecord() throws IOException {
        MetricListener listener = new MetricListener();
        KafkaReaderMetrics metrics =
                KafkaReaderMetrics.register(
                        InternalSourceReaderMetricGroup.mock(listener.getMetricGroup()));
        BadRecordHandler handler =
                new BadRecordHandler(BadRecordPolicy.skip(), null, metrics, System::nanoTime);

        handler.handle(bad(1), CAUSE);
        handler.handle(bad(2), CAUSE);

        assertThat(handler.holdsBackElements()).isTrue();
        assertThat(
                        listener.getCounter("KafkaBridgeSource", "recordsSkipped")
                                .orElseThrow()
                                .getCount())
                .isEqualTo(2);
        assertThat(listener.getCounter("numRecordsInErrors").orElseThrow().getCount()).isEqualTo(2);
    }

    @Test
    void deadLetterWritesTheRecordUnchangedWithOriginAndErrorHeaders() throws IOException {
        BadRecordHandler handler = deadLetters();

        handler.handle(bad(1042), CAUSE);
        producer.completeNext();
        assertThat(writer.snapshotState(1)).as("no state to checkpoint").isNull();

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(1);
        ProducerRecord<byte[], byte[]> letter = sent.get(0);
        assertThat(letter.topic()).isEqualTo("orders-dlq");
        assertThat(letter.key()).isEqualTo("key".getBytes(UTF_8));
        assertThat(letter.value()).isEqualTo("{bad".getBytes(UTF_8));
        assertThat(header(letter, "trace")).isEqualTo("t-1");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("3");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1042");
        assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("1700000000000");
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(IOException.class.getName());
        assertThat(header(letter, DeadLetterHeaders.ERROR_MESSAGE))
                .isEqualTo("Unexpected character 'x'");
    }

    @Test
    void theDeadLetterProducerIsCreatedOnceAndOnlyWhenNeeded() throws IOException {
        BadRecordHandler handler = deadLetters();
        writer.snapshotState(1);
        assertThat(producersCreated).hasValue(0);

        handler.handle(bad(1), CAUSE);
        handler.handle(bad(2), CAUSE);
        assertThat(producersCreated).hasValue(1);
    }

    @Test
    void aRejectedDeadLetterFailsTheNextCheckpointAndTheNextBadRecord() throws IOException {
        BadRecordHandler handler = deadLetters();
        handler.handle(bad(7), CAUSE);
        producer.errorNext(
                new org.apache.kafka.common.errors.TopicAuthorizationException("denied"));

        assertThatThrownBy(() -> writer.snapshotState(2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("orders-3 at offset 7")
                .hasMessageContaining("'orders-dlq'")
                .hasMessageContaining("denied");
        assertThatThrownBy(() -> handler.handle(bad(8), CAUSE)).isInstanceOf(IOException.class);
    }

    @Test
    void rejectedCredentialsOfTheDeadLetterProducerNameServersAndSettings() throws IOException {
        BadRecordHandler handler = deadLetters();
        handler.handle(bad(7), CAUSE);
        producer.errorNext(
                new org.apache.kafka.common.errors.SaslAuthenticationException(
                        "Invalid username or password"));

        assertThatThrownBy(() -> writer.snapshotState(2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("orders-3 at offset 7")
                .hasMessageContaining(
                        "Authentication failed: Kafka at localhost:9092 rejected the credentials"
                                + " of the KafkaBridgeSource dead-letter producer")
                .hasMessageContaining("sasl.jaas.config")
                .hasCauseInstanceOf(KafkaBridgeAuthenticationException.class);
    }

    @Test
    void anUnavailableDeserializerFailsEvenUnderSkipAndDeadLetter() {
        DeserializerUnavailableException down =
                new DeserializerUnavailableException("schema registry answered 503");
        for (BadRecordHandler handler :
                List.of(
                        new BadRecordHandler(BadRecordPolicy.skip(), null, null, System::nanoTime),
                        deadLetters())) {
            assertThatThrownBy(() -> handler.handle(bad(9), down))
                    .isInstanceOf(RecordDeserializationException.class)
                    .hasMessageContaining("503")
                    .hasCause(down);
        }
        assertThat(producer.history()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}
