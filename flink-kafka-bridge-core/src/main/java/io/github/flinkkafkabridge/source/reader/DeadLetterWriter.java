package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes the dead letters of one source reader: each bad record's key, value and headers unchanged,
 * plus the {@link DeadLetterHeaders}, with the delivery guarantee of the subclass. Keeps the first
 * write Kafka rejected and rethrows it on the task thread, so a lost dead letter never goes
 * unnoticed. When the cluster rejects the producer's credentials, that exception is caused by a
 * {@link KafkaBridgeAuthenticationException}.
 *
 * <p>Owned by the reader; every method runs in the reader's task thread, the producer's callbacks
 * in its I/O thread (they only record failures). The reader calls, in this order: {@link
 * #restoreState} for each state restored with its splits, {@link #recover()} once at start, then
 * {@link #write} per bad record, {@link #snapshotState} per checkpoint and {@link
 * #notifyCheckpointComplete} when one completes, and {@link #close()}.
 */
abstract class DeadLetterWriter implements AutoCloseable {

    /** The client named in messages about rejected credentials. */
    static final String CLIENT = "the KafkaBridgeSource dead-letter producer";

    protected final String topic;

    /** The cluster the dead letters go to, for error messages. */
    protected final String bootstrapServers;

    /** The first dead letter Kafka rejected; set by the producer's I/O thread. */
    @Nullable private volatile IOException sendFailure;

    protected DeadLetterWriter(String topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    /** The producer the next dead letter goes to; for EXACTLY_ONCE, in an open transaction. */
    protected abstract Producer<byte[], byte[]> producerForWrite() throws IOException;

    /**
     * Makes every dead letter written so far safe for the checkpoint {@code checkpointId}: waits
     * for their acknowledgements, and for EXACTLY_ONCE prepares their transaction.
     *
     * @return the state to checkpoint with the reader's splits, or null when there is none
     * @throws IOException naming the first dead letter Kafka rejected
     */
    @Nullable
    abstract KafkaWriterState snapshotState(long checkpointId) throws IOException;

    /** Receives a state a checkpoint recorded, before {@link #recover()}. */
    abstract void restoreState(KafkaWriterState state);

    /** Settles what an earlier attempt left behind; called once, before the first write. */
    void recover() throws IOException {}

    /** Completes what the checkpoint {@code checkpointId} and earlier ones covered. */
    void notifyCheckpointComplete(long checkpointId) throws IOException {}

    /**
     * Writes {@code record} unchanged to the dead-letter topic with the origin and error headers.
     *
     * @throws IOException when an earlier dead letter was rejected, or this one cannot be sent
     */
    final void write(ConsumerRecord<byte[], byte[]> record, Exception cause) throws IOException {
        checkSendFailure();
        Producer<byte[], byte[]> producer = producerForWrite();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(
                headers,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                cause);
        try {
            producer.send(
                    new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers),
                    (metadata, error) -> {
                        if (error != null && sendFailure == null) {
                            sendFailure = failure(record, error);
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            throw failure(record, e);
        }
    }

    /** Sends what the producer buffered and waits for the acknowledgements; throws a rejection. */
    protected final void flushAndCheck(Producer<byte[], byte[]> producer) throws IOException {
        try {
            producer.flush();
        } catch (KafkaException e) {
            KafkaBridgeAuthenticationException authentication =
                    AuthenticationFailures.explain(e, CLIENT, bootstrapServers);
            throw new IOException(
                    "Could not flush the dead letters to topic '"
                            + topic
                            + "' (BadRecordPolicy.deadLetter): "
                            + (authentication != null ? authentication.getMessage() : e),
                    authentication != null ? authentication : e);
        }
        checkSendFailure();
    }

    /** Throws the first rejected dead letter, if any. */
    protected final void checkSendFailure() throws IOException {
        IOException failure = sendFailure;
        if (failure != null) {
            throw failure;
        }
    }

    private IOException failure(ConsumerRecord<byte[], byte[]> record, Throwable error) {
        KafkaBridgeAuthenticationException authentication =
                AuthenticationFailures.explain(error, CLIENT, bootstrapServers);
        if (authentication != null) {
            error = authentication;
        }
        return new IOException(
                "Could not write the bad record from "
                        + record.topic()
                        + "-"
                        + record.partition()
                        + " at offset "
                        + record.offset()
                        + " to dead-letter topic '"
                        + topic
                        + "' (BadRecordPolicy.deadLetter): "
                        + (authentication != null ? authentication.getMessage() : error),
                error);
    }

    @Override
    public abstract void close();
}
