package io.github.flinkkafkabridge.examples.snippets;

import io.github.flinkkafkabridge.metrics.SinkWriterMetrics;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The example of the metrics module's javadoc: a writer timing its sends with the sink metrics. */
public final class MetricsSnippets {

    private MetricsSnippets() {}

    /**
     * Sends {@code record} and counts it in {@code metrics}: sent now, acknowledged or failed when
     * the producer calls back.
     *
     * @param sourceTimestamp the timestamp of the source record, or {@link
     *     SinkWriterMetrics#NO_TIMESTAMP}
     */
    public static void send(
            Producer<byte[], byte[]> producer,
            SinkWriterMetrics metrics,
            ProducerRecord<byte[], byte[]> record,
            long sourceTimestamp) {
        int bytes = length(record.key()) + length(record.value());
        // [START sink-writer-metrics]
        long ticket = metrics.onSend(bytes); // on the task thread, before send()
        producer.send(
                record,
                (metadata, error) -> { // on the producer's I/O thread
                    if (error == null) {
                        metrics.onAcknowledged(ticket, bytes, sourceTimestamp);
                    } else {
                        metrics.onFailed(ticket, bytes);
                    }
                });
        // [END sink-writer-metrics]
    }

    private static int length(@Nullable byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
