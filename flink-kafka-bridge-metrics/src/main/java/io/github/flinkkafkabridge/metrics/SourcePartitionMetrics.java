package io.github.flinkkafkabridge.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The metrics of one partition read by a source reader: read counts and rate, position, log end,
 * backlog and time lag. Created by {@link SourceReaderMetrics#partition(String, int)}, which
 * registers its gauges under {@code KafkaBridgeSource.topic.<topic>.partition.<partition>}.
 *
 * <p>Threads: {@link #assigned}, {@link #recordEmitted} and {@link #finished} are called by the
 * reader's task thread, one at a time; {@link #fetchPosition} and {@link #consumerLag} by the
 * fetcher thread; gauges are computed on read, from any thread. The per-record methods only store a
 * few fields (opaque writes, no fences, no allocation).
 */
public final class SourcePartitionMetrics {

    /** {@link #lastTimestamp()} before the first record with a timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private static final VarHandle RECORDS;
    private static final VarHandle BYTES;
    private static final VarHandle NEXT_OFFSET;
    private static final VarHandle LAST_TIMESTAMP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RECORDS = lookup.findVarHandle(SourcePartitionMetrics.class, "records", long.class);
            BYTES = lookup.findVarHandle(SourcePartitionMetrics.class, "bytes", long.class);
            NEXT_OFFSET =
                    lookup.findVarHandle(SourcePartitionMetrics.class, "nextOffset", long.class);
            LAST_TIMESTAMP =
                    lookup.findVarHandle(SourcePartitionMetrics.class, "lastTimestamp", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String topic;
    private final int partition;
    private final SourceReaderMetrics reader;
    private final SlidingWindowRate recordsRate;

    // Written by the task thread (opaque), read by any thread.
    private long records;
    private long bytes;
    private long nextOffset = -1;
    private long lastTimestamp = NO_TIMESTAMP;
    private volatile long stoppingOffset = Long.MAX_VALUE;
    private volatile boolean finished;

    // Written by the fetcher thread.
    private long fetchPosition = -1;
    private volatile long logEndOffset = -1;

    SourcePartitionMetrics(String topic, int partition, SourceReaderMetrics reader) {
        this.topic = topic;
        this.partition = partition;
        this.reader = reader;
        this.recordsRate = new SlidingWindowRate(this::recordsRead, reader.clock());
    }

    /** The topic. */
    public String topic() {
        return topic;
    }

    /** The partition number. */
    public int partition() {
        return partition;
    }

    // ---- task thread ----------------------------------------------------------------------------

    /**
     * The partition was assigned to the reader, to read from {@code startingOffset} up to {@code
     * stoppingOffset} ({@link Long#MAX_VALUE} for no end). Task thread.
     */
    public void assigned(long startingOffset, long stoppingOffset) {
        NEXT_OFFSET.setOpaque(this, startingOffset);
        this.stoppingOffset = stoppingOffset;
        this.finished = false;
    }

    /**
     * The record at {@code offset}, with {@code timestampMillis} (negative: none) and {@code bytes}
     * serialized bytes, was read and emitted; the next one is at {@code offset + 1}. Task thread,
     * per record: a few plain stores, and the emit lag is sampled by offset (no per-record state
     * beyond the counters).
     */
    public void recordEmitted(long offset, long timestampMillis, int bytes) {
        RECORDS.setOpaque(this, (long) RECORDS.getOpaque(this) + 1);
        BYTES.setOpaque(this, (long) BYTES.getOpaque(this) + bytes);
        NEXT_OFFSET.setOpaque(this, offset + 1);
        if (timestampMillis >= 0) {
            LAST_TIMESTAMP.setOpaque(this, timestampMillis);
        }
        reader.sampleEmitLag(offset, timestampMillis);
    }

    /** The partition reached its stopping offset or was removed: no backlog any more. */
    public void finished() {
        this.finished = true;
    }

    // ---- fetcher thread -------------------------------------------------------------------------

    /** The consumer's position: the offset the next fetched record will have. Fetcher thread. */
    public void fetchPosition(long offset) {
        this.fetchPosition = offset;
    }

    /**
     * The consumer's lag behind the log end after a poll ({@code KafkaConsumer#currentLag}): sets
     * the log end to the fetch position plus {@code lagRecords}. Fetcher thread.
     */
    public void consumerLag(long lagRecords) {
        if (fetchPosition >= 0 && lagRecords >= 0) {
            this.logEndOffset = fetchPosition + lagRecords;
        }
    }

    // ---- gauges ---------------------------------------------------------------------------------

    /** Records read. */
    public long recordsRead() {
        return (long) RECORDS.getOpaque(this);
    }

    /** Serialized bytes read. */
    public long bytesRead() {
        return (long) BYTES.getOpaque(this);
    }

    /** Records per second over the sliding window. */
    public double recordsReadPerSecond() {
        return recordsRate.ratePerSecond();
    }

    /** The offset of the next record to read, -1 before the assignment. */
    public long currentOffset() {
        return (long) NEXT_OFFSET.getOpaque(this);
    }

    /** The log end seen by the last fetch, -1 before it. */
    public long logEndOffset() {
        return logEndOffset;
    }

    /** Timestamp of the last record read that had one. */
    public long lastTimestamp() {
        return (long) LAST_TIMESTAMP.getOpaque(this);
    }

    /** Log end (or stopping offset, if earlier) minus position; 0 when unknown or finished. */
    public long backlogRecords() {
        long end = Math.min(logEndOffset, stoppingOffset);
        long position = currentOffset();
        if (finished || end < 0 || position < 0) {
            return 0;
        }
        return Math.max(0, end - position);
    }

    /** {@link #backlogRecords()} times the average size of the records read so far. */
    public long backlogBytes() {
        long backlog = backlogRecords();
        long read = recordsRead();
        return backlog == 0 || read == 0 ? 0 : Math.round(backlog * ((double) bytesRead() / read));
    }

    /**
     * How far behind, from timestamps: now minus the timestamp of the last record read, in seconds;
     * 0 without backlog; NaN with a backlog but no timestamp yet.
     */
    public double timeLagSeconds() {
        if (backlogRecords() == 0) {
            return 0.0;
        }
        long timestamp = lastTimestamp();
        if (timestamp == NO_TIMESTAMP) {
            return Double.NaN;
        }
        return Math.max(0, reader.clock().currentTimeMillis() - timestamp) / 1000.0;
    }

    /** How long to catch up, by Little's law: backlog / read rate, in seconds. */
    public double catchUpTimeSeconds() {
        return PipelineModel.timeLagSeconds(backlogRecords(), recordsReadPerSecond());
    }

    SlidingWindowRate recordsRate() {
        return recordsRate;
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
