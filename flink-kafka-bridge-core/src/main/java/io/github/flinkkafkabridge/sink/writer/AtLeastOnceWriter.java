package io.github.flinkkafkabridge.sink.writer;

import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import java.io.IOException;
import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer for {@code AT_LEAST_ONCE} and {@code NONE}: one non-transactional producer per writer
 * instance, created at the first record.
 *
 * <p>AT_LEAST_ONCE flushes the producer before each checkpoint barrier, so every record sent before
 * the barrier is acknowledged before the checkpoint can complete; a failed record fails the flush
 * and with it the checkpoint. NONE flushes only at the end of input: records buffered in the
 * producer when the job fails are lost.
 *
 * @param <T> the type of the stream elements
 */
public final class AtLeastOnceWriter<T> extends KafkaWriterBase<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceWriter.class);

    private final boolean flushOnCheckpoint;
    @Nullable private Producer<byte[], byte[]> producer;

    public AtLeastOnceWriter(
            SinkSettings<T> settings, WriterInitContext context, KafkaClientFactory clients)
            throws IOException {
        super(settings, context, clients);
        this.flushOnCheckpoint = settings.deliveryGuarantee() == DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    protected Producer<byte[], byte[]> producerForWrite() {
        if (producer == null) {
            String clientId = "kafka-bridge-sink-" + subtaskIndex;
            producer =
                    clients.createProducer(
                            ProducerProperties.nonTransactional(producerProperties(), clientId));
            LOG.info(
                    "Kafka sink writer {}/{} started its producer ({}) for {}",
                    subtaskIndex,
                    parallelism,
                    settings.deliveryGuarantee(),
                    settings.bootstrapServers());
        }
        return producer;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (producer != null && (flushOnCheckpoint || endOfInput)) {
            flushAndCheck(producer);
        } else {
            throwIfSendFailed();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            // Everything that must be delivered was flushed; do not block a failing task.
            producer.close(Duration.ZERO);
            producer = null;
        }
    }
}
