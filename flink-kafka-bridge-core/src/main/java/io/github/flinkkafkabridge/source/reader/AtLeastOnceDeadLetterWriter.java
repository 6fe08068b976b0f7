package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT_LEAST_ONCE dead letters: an idempotent producer, created at the first bad record, whose
 * acknowledgements every checkpoint waits for. A failure never loses a dead letter; a bad record
 * read again after a restore is written again.
 */
final class AtLeastOnceDeadLetterWriter extends DeadLetterWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceDeadLetterWriter.class);

    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    @Nullable private Producer<byte[], byte[]> producer;

    /**
     * @param bootstrapServers the cluster the dead letters go to, for error messages
     * @param producerFactory creates the producer at the first dead letter
     */
    AtLeastOnceDeadLetterWriter(
            String topic,
            String bootstrapServers,
            Supplier<Producer<byte[], byte[]>> producerFactory) {
        super(topic, bootstrapServers);
        this.producerFactory = producerFactory;
    }

    @Override
    protected Producer<byte[], byte[]> producerForWrite() {
        if (producer == null) {
            producer = producerFactory.get();
        }
        return producer;
    }

    @Override
    @Nullable
    KafkaWriterState snapshotState(long checkpointId) throws IOException {
        if (producer != null) {
            flushAndCheck(producer);
        } else {
            checkSendFailure();
        }
        return null;
    }

    @Override
    void restoreState(KafkaWriterState state) {
        if (!state.pending().isEmpty()) {
            LOG.warn(
                    "The checkpoint holds dead-letter transactions of an EXACTLY_ONCE run, {}, but"
                            + " dead letters are now written AT_LEAST_ONCE: they are not committed"
                            + " and the broker aborts them after transaction.timeout.ms. Restore"
                            + " with deadLetterDeliveryGuarantee EXACTLY_ONCE and the same prefix"
                            + " to keep them.",
                    state);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
