package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.serde.DeserializerUnavailableException;
import io.github.flinkkafkabridge.serde.RecordDeserializationException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link BadRecordPolicy} to records the deserializer rejected. One per reader; {@link
 * #handle} and {@link #flush} run in the reader's task thread, the dead-letter producer's callback
 * in its I/O thread.
 */
final class BadRecordHandler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BadRecordHandler.class);

    /** Skipped records are reported at most this often. */
    static final Duration SKIP_REPORT_INTERVAL = Duration.ofSeconds(10);

    private final BadRecordPolicy policy;
    @Nullable private final Supplier<Producer<byte[], byte[]>> producerFactory;
    @Nullable private final KafkaReaderMetrics metrics;
    private final LongSupplier nanoClock;

    @Nullable private Producer<byte[], byte[]> producer;

    /** The first dead letter Kafka rejected; set by the producer's I/O thread. */
    @Nullable private volatile IOException sendFailure;

    private long skippedSinceReport;
    private long lastReportNanos;
    private boolean reportedOnce;

    /**
     * @param producerFactory creates the dead-letter producer on the first bad record; required for
     *     {@link BadRecordPolicy.Action#DEAD_LETTER}
     */
    BadRecordHandler(
            BadRecordPolicy policy,
            @Nullable Supplier<Producer<byte[], byte[]>> producerFactory,
            @Nullable KafkaReaderMetrics metrics,
            LongSupplier nanoClock) {
        if (policy.action() == BadRecordPolicy.Action.DEAD_LETTER && producerFactory == null) {
            throw new IllegalArgumentException("A dead-letter policy needs a producer factory");
        }
        this.policy = policy;
        this.producerFactory = producerFactory;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    /** The default: every bad record fails the job. */
    static BadRecordHandler failing(@Nullable KafkaReaderMetrics metrics) {
        return new BadRecordHandler(BadRecordPolicy.fail(), null, metrics, System::nanoTime);
    }

    /**
     * Whether elements must be held back until their record deserialized completely: with a policy
     * that continues after a bad record, a half-deserialized record must emit nothing.
     */
    boolean holdsBackElements() {
        return policy.action() != BadRecordPolicy.Action.FAIL;
    }

    /**
     * Deals with one bad record.
     *
     * @throws RecordDeserializationException under {@link BadRecordPolicy#fail()}, and under every
     *     policy when the cause is a {@link DeserializerUnavailableException}
     * @throws IOException when an earlier dead letter could not be written
     */
    void handle(ConsumerRecord<byte[], byte[]> record, Exception cause) throws IOException {
        if (metrics != null) {
            metrics.reader().recordError();
        }
        if (cause instanceof DeserializerUnavailableException) {
            // Not the record's fault: skipping or dead-lettering it would lose a good record.
            throw new RecordDeserializationException(record, cause);
        }
        switch (policy.action()) {
            case SKIP:
                skip(record, cause);
                return;
            case DEAD_LETTER:
                deadLetter(record, cause);
                return;
            default:
                throw new RecordDeserializationException(record, cause);
        }
    }

    private void skip(ConsumerRecord<byte[], byte[]> record, Exception cause) {
        if (metrics != null) {
            metrics.reader().recordSkipped();
        }
        skippedSinceReport++;
        long now = nanoClock.getAsLong();
        if (!reportedOnce || now - lastReportNanos >= SKIP_REPORT_INTERVAL.toNanos()) {
            LOG.warn(
                    "Skipped {} bad record(s) since the last report; the latest: {}",
                    skippedSinceReport,
                    new RecordDeserializationException(record, cause).getMessage());
            skippedSinceReport = 0;
            lastReportNanos = now;
            reportedOnce = true;
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception cause)
            throws IOException {
        checkSendFailure();
        if (producer == null) {
            producer = producerFactory.get();
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.add(
                headers,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                cause);
        String topic = policy.deadLetterTopic();
        producer.send(
                new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers),
                (metadata, error) -> {
                    if (error != null && sendFailure == null) {
                        sendFailure =
                                new IOException(
                                        "Could not write the bad record from "
                                                + record.topic()
                                                + "-"
                                                + record.partition()
                                                + " at offset "
                                                + record.offset()
                                                + " to dead-letter topic '"
                                                + topic
                                                + "' (BadRecordPolicy.deadLetter): "
                                                + error,
                                        error);
                    }
                });
        if (metrics != null) {
            metrics.reader().recordDeadLettered();
        }
    }

    /**
     * Waits until Kafka acknowledged every dead letter sent so far. Called before a checkpoint is
     * taken, so a completed checkpoint never covers a dead letter that could still be lost.
     *
     * @throws IOException naming the first dead letter Kafka rejected
     */
    void flush() throws IOException {
        if (producer != null) {
            producer.flush();
        }
        checkSendFailure();
    }

    private void checkSendFailure() throws IOException {
        IOException failure = sendFailure;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
