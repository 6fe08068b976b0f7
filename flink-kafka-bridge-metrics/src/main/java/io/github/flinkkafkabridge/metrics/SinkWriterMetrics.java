package io.github.flinkkafkabridge.metrics;

import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.ACK_LATENCY;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BYTES_IN_FLIGHT;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BYTES_WRITTEN;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BYTES_WRITTEN_PER_SECOND;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.CURRENT_ACK_LATENCY;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.CURRENT_END_TO_END_LATENCY;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.END_TO_END_LATENCY;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_IN_FLIGHT;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_WRITTEN;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_WRITTEN_PER_SECOND;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.SINK_RECORDS_DEAD_LETTERED;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.TRANSACTIONS_ABORTED;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The metrics of one Kafka sink writer (see {@link KafkaBridgeMetric} for every name): write rate
 * of acknowledged records and bytes, ack and end-to-end latency, records and bytes in flight,
 * transactions committed and aborted, dead-lettered records. Registered under {@code
 * KafkaBridgeSink} in the writer's metric group.
 *
 * <p>How a writer uses it, per record:
 * <!-- snippet: sink-writer-metrics -->
 *
 * <pre>{@code
 * long ticket = metrics.onSend(bytes); // on the task thread, before send()
 * producer.send(
 *         record,
 *         (metadata, error) -> { // on the producer's I/O thread
 *             if (error == null) {
 *                 metrics.onAcknowledged(ticket, bytes, sourceTimestamp);
 *             } else {
 *                 metrics.onFailed(ticket, bytes);
 *             }
 *         });
 * }</pre>
 *
 * <p>The hot path allocates nothing. A sampled send (every send while they come slowly, about one
 * per millisecond at high rates, see {@code AdaptiveSampler}) reads the clock and gets a ticket
 * that times its acknowledgement (and the end-to-end latency); the others get {@link #NOT_SAMPLED}.
 * In flight = sent minus acknowledged minus failed, computed on read; by Little's law it is about
 * write rate x ack latency.
 *
 * <p>Threads: {@link #onSend} from one thread (the writer's task thread); {@link #onAcknowledged},
 * {@link #onFailed} and the transaction and dead-letter methods from any thread.
 */
public final class SinkWriterMetrics {

    /** The ticket of a send that is not timed. */
    public static final long NOT_SAMPLED = Long.MIN_VALUE;

    /** The source timestamp of an element that carries none. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private static final VarHandle SENT_RECORDS;
    private static final VarHandle SENT_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENT_RECORDS = lookup.findVarHandle(SinkWriterMetrics.class, "sentRecords", long.class);
            SENT_BYTES = lookup.findVarHandle(SinkWriterMetrics.class, "sentBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MetricsClock clock;

    // Written by the sending thread (opaque).
    private long sentRecords;
    private long sentBytes;
    private final AdaptiveSampler sendSampler;

    // Written by producer I/O threads.
    private final LongAdder ackedRecords = new LongAdder();
    private final LongAdder ackedBytes = new LongAdder();
    private final LongAdder failedRecords = new LongAdder();
    private final LongAdder failedBytes = new LongAdder();

    private final LatencyHistogram ackLatency;
    private final LatencyHistogram endToEndLatency;
    private final SlidingWindowRate recordsRate;
    private final SlidingWindowRate bytesRate;
    private final Counter transactionsAborted;
    private final Counter recordsDeadLettered;

    private SinkWriterMetrics(MetricGroup writerGroup, MetricsClock clock) {
        MetricGroup group = writerGroup.addGroup(KafkaBridgeMetric.SINK_GROUP);
        this.clock = clock;
        this.sendSampler = new AdaptiveSampler(clock);
        group.counter(RECORDS_WRITTEN.metricName(), new DerivedCounter(this::recordsWritten));
        group.counter(BYTES_WRITTEN.metricName(), new DerivedCounter(this::bytesWritten));
        this.recordsRate =
                group.gauge(
                        RECORDS_WRITTEN_PER_SECOND.metricName(),
                        new SlidingWindowRate(this::recordsWritten, clock));
        this.bytesRate =
                group.gauge(
                        BYTES_WRITTEN_PER_SECOND.metricName(),
                        new SlidingWindowRate(this::bytesWritten, clock));
        this.ackLatency = group.histogram(ACK_LATENCY.metricName(), new LatencyHistogram(clock));
        this.endToEndLatency =
                group.histogram(END_TO_END_LATENCY.metricName(), new LatencyHistogram(clock));
        group.gauge(CURRENT_ACK_LATENCY.metricName(), ackLatency.currentValueGauge());
        group.gauge(CURRENT_END_TO_END_LATENCY.metricName(), endToEndLatency.currentValueGauge());
        group.gauge(RECORDS_IN_FLIGHT.metricName(), (Gauge<Long>) this::recordsInFlight);
        group.gauge(BYTES_IN_FLIGHT.metricName(), (Gauge<Long>) this::bytesInFlight);
        this.transactionsAborted =
                group.counter(TRANSACTIONS_ABORTED.metricName(), new ThreadSafeSimpleCounter());
        this.recordsDeadLettered =
                group.counter(
                        SINK_RECORDS_DEAD_LETTERED.metricName(), new ThreadSafeSimpleCounter());
    }

    /** Registers the sink metrics under {@code KafkaBridgeSink} in the writer's metric group. */
    public static SinkWriterMetrics register(MetricGroup writerGroup, MetricsClock clock) {
        return new SinkWriterMetrics(writerGroup, clock);
    }

    // ---- hot path -------------------------------------------------------------------------------

    /**
     * A record of {@code bytes} serialized bytes is handed to the producer. Sending thread only.
     *
     * @return the ticket to pass to {@link #onAcknowledged} or {@link #onFailed}: a send time for a
     *     sampled send, {@link #NOT_SAMPLED} otherwise
     */
    public long onSend(int bytes) {
        SENT_RECORDS.setOpaque(this, (long) SENT_RECORDS.getOpaque(this) + 1);
        SENT_BYTES.setOpaque(this, (long) SENT_BYTES.getOpaque(this) + bytes);
        if (sendSampler.sampleNext()) {
            long now = sendSampler.lastSampleNanos();
            return now == NOT_SAMPLED ? now + 1 : now;
        }
        return NOT_SAMPLED;
    }

    /**
     * Kafka acknowledged a record sent with {@code ticket}. Any thread.
     *
     * @param sourceTimestampMillis the timestamp of the source record the element came from, or
     *     {@link #NO_TIMESTAMP}; gives the end-to-end latency
     */
    public void onAcknowledged(long ticket, int bytes, long sourceTimestampMillis) {
        ackedRecords.increment();
        ackedBytes.add(bytes);
        if (ticket != NOT_SAMPLED) {
            ackLatency.update((clock.nanoTime() - ticket) / 1_000_000L);
            if (sourceTimestampMillis != NO_TIMESTAMP && sourceTimestampMillis >= 0) {
                endToEndLatency.update(clock.currentTimeMillis() - sourceTimestampMillis);
            }
        }
    }

    /** A record sent with {@code ticket} failed: it is no longer in flight. Any thread. */
    public void onFailed(long ticket, int bytes) {
        failedRecords.increment();
        failedBytes.add(bytes);
    }

    /** A Kafka transaction was aborted. */
    public void onTransactionAborted() {
        transactionsAborted.inc();
    }

    /** A rejected record was written to the dead-letter topic. */
    public void onDeadLettered() {
        recordsDeadLettered.inc();
    }

    // ---- gauges ---------------------------------------------------------------------------------

    /** Records acknowledged. */
    public long recordsWritten() {
        return ackedRecords.sum();
    }

    /** Bytes acknowledged. */
    public long bytesWritten() {
        return ackedBytes.sum();
    }

    /** Acknowledged records per second over the sliding window. */
    public double recordsWrittenPerSecond() {
        return recordsRate.ratePerSecond();
    }

    /** Acknowledged bytes per second over the sliding window. */
    public double bytesWrittenPerSecond() {
        return bytesRate.ratePerSecond();
    }

    /** Records sent and neither acknowledged nor failed. */
    public long recordsInFlight() {
        // Completions first: every completion was sent before, so this never goes negative.
        long done = ackedRecords.sum() + failedRecords.sum();
        return Math.max(0, (long) SENT_RECORDS.getOpaque(this) - done);
    }

    /** Bytes sent and neither acknowledged nor failed. */
    public long bytesInFlight() {
        long done = ackedBytes.sum() + failedBytes.sum();
        return Math.max(0, (long) SENT_BYTES.getOpaque(this) - done);
    }

    /** The ack latency histogram. */
    public LatencyHistogram ackLatency() {
        return ackLatency;
    }

    /** The end-to-end latency histogram. */
    public LatencyHistogram endToEndLatency() {
        return endToEndLatency;
    }

    /** Transactions aborted. */
    public long transactionsAborted() {
        return transactionsAborted.getCount();
    }

    /** Records dead-lettered. */
    public long recordsDeadLettered() {
        return recordsDeadLettered.getCount();
    }
}
