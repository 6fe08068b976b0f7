package io.github.flinkkafkabridge.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.SinkWriterMetrics;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class MetricsSnippetsTest {

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final SinkWriterMetrics metrics =
            SinkWriterMetrics.register(new UnregisteredMetricsGroup(), MetricsClock.system());
    private final ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>("out", new byte[] {1, 2}, new byte[] {3, 4, 5});

    @Test
    void aSendIsInFlightUntilAcknowledgedThenWritten() {
        MetricsSnippets.send(producer, metrics, record, SinkWriterMetrics.NO_TIMESTAMP);
        assertThat(metrics.recordsInFlight()).isEqualTo(1);
        assertThat(metrics.bytesInFlight()).isEqualTo(5);

        producer.completeNext();

        assertThat(metrics.recordsInFlight()).isZero();
        assertThat(metrics.recordsWritten()).isEqualTo(1);
        assertThat(metrics.bytesWritten()).isEqualTo(5);
    }

    @Test
    void aFailedSendIsNoLongerInFlightAndNotWritten() {
        MetricsSnippets.send(producer, metrics, record, SinkWriterMetrics.NO_TIMESTAMP);

        producer.errorNext(new IllegalStateException("broker down"));

        assertThat(metrics.recordsInFlight()).isZero();
        assertThat(metrics.recordsWritten()).isZero();
    }
}
