package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.serde.DeserializerUnavailableException;
import io.github.flinkkafkabridge.serde.RecordDeserializationException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link BadRecordPolicy} to records the deserializer rejected. One per reader; {@link
 * #handle} runs in the reader's task thread. Dead letters go to the reader's {@link
 * DeadLetterWriter}, whose checkpoint hooks the reader calls.
 */
final class BadRecordHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BadRecordHandler.class);

    /** Skipped records are reported at most this often. */
    static final Duration SKIP_REPORT_INTERVAL = Duration.ofSeconds(10);

    private final BadRecordPolicy policy;
    @Nullable private final DeadLetterWriter deadLetters;
    @Nullable private final KafkaReaderMetrics metrics;
    private final LongSupplier nanoClock;

    private long skippedSinceReport;
    private long lastReportNanos;
    private boolean reportedOnce;

    /**
     * @param deadLetters writes the dead letters; required for {@link
     *     BadRecordPolicy.Action#DEAD_LETTER}
     */
    BadRecordHandler(
            BadRecordPolicy policy,
            @Nullable DeadLetterWriter deadLetters,
            @Nullable KafkaReaderMetrics metrics,
            LongSupplier nanoClock) {
        if (policy.action() == BadRecordPolicy.Action.DEAD_LETTER && deadLetters == null) {
            throw new IllegalArgumentException("A dead-letter policy needs a dead-letter writer");
        }
        this.policy = policy;
        this.deadLetters = deadLetters;
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
        deadLetters.write(record, cause);
        if (metrics != null) {
            metrics.reader().recordDeadLettered();
        }
    }
}
