package io.github.flinkkafkabridge.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Where {@link KafkaBridgeSource} starts reading each partition on a fresh start (a restored job
 * always resumes from its checkpoint). Immutable.
 *
 * <ul>
 *   <li>{@link #earliest()}: the first offset still in the log (the default);
 *   <li>{@link #latest()}: the end of the log when the partition is first seen;
 *   <li>{@link #committed()}: the consumer group's committed offset, falling back to a {@link
 *       ResetStrategy} where the group has none (requires a group id);
 *   <li>{@link #timestamp(long)}: the first record whose timestamp is at or after the given time;
 *   <li>{@link #specific(Map)}: given offsets per partition, with a fallback for the others.
 * </ul>
 *
 * <p>Partitions that appear while the job runs (new partitions or newly matching topics) always
 * start at their earliest offset, whatever is chosen here, so that no record written to them is
 * missed.
 */
public final class StartingOffsets implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of starting position. */
    public enum Kind {
        EARLIEST,
        LATEST,
        COMMITTED,
        TIMESTAMP,
        SPECIFIC
    }

    private static final StartingOffsets EARLIEST =
            new StartingOffsets(Kind.EARLIEST, -1, Map.of(), ResetStrategy.EARLIEST);
    private static final StartingOffsets LATEST =
            new StartingOffsets(Kind.LATEST, -1, Map.of(), ResetStrategy.LATEST);

    private final Kind kind;
    private final long timestamp;
    private final HashMap<TopicPartition, Long> offsets;
    private final ResetStrategy fallback;

    private StartingOffsets(
            Kind kind, long timestamp, Map<TopicPartition, Long> offsets, ResetStrategy fallback) {
        this.kind = kind;
        this.timestamp = timestamp;
        this.offsets = new HashMap<>(offsets);
        this.fallback = fallback;
    }

    /** Start at the earliest offset of each partition. */
    public static StartingOffsets earliest() {
        return EARLIEST;
    }

    /** Start at the end of each partition as of the moment the partition is first seen. */
    public static StartingOffsets latest() {
        return LATEST;
    }

    /**
     * Start at the consumer group's committed offsets; partitions without one start at the earliest
     * offset. Requires a group id ({@code KafkaBridgeSourceBuilder#setGroupId}).
     */
    public static StartingOffsets committed() {
        return committed(ResetStrategy.EARLIEST);
    }

    /**
     * Start at the consumer group's committed offsets; partitions without one follow {@code
     * fallback}. Requires a group id.
     */
    public static StartingOffsets committed(ResetStrategy fallback) {
        return new StartingOffsets(
                Kind.COMMITTED, -1, Map.of(), Objects.requireNonNull(fallback, "fallback"));
    }

    /**
     * Start at the first record whose timestamp is at or after {@code epochMillis}; partitions with
     * no such record start at their end.
     */
    public static StartingOffsets timestamp(long epochMillis) {
        OffsetMaps.checkTimestamp(epochMillis, "starting");
        return new StartingOffsets(Kind.TIMESTAMP, epochMillis, Map.of(), ResetStrategy.LATEST);
    }

    /** Like {@link #timestamp(long)}, from an {@link Instant}. */
    public static StartingOffsets timestamp(Instant instant) {
        return timestamp(instant.toEpochMilli());
    }

    /** Start at the given offsets; partitions not in the map start at their earliest offset. */
    public static StartingOffsets specific(Map<TopicPartition, Long> offsets) {
        return specific(offsets, ResetStrategy.EARLIEST);
    }

    /** Start at the given offsets; partitions not in the map follow {@code fallback}. */
    public static StartingOffsets specific(
            Map<TopicPartition, Long> offsets, ResetStrategy fallback) {
        OffsetMaps.checkOffsets(offsets, "starting");
        return new StartingOffsets(
                Kind.SPECIFIC, -1, offsets, Objects.requireNonNull(fallback, "fallback"));
    }

    public Kind kind() {
        return kind;
    }

    /** The start time in epoch milliseconds, for {@link Kind#TIMESTAMP}; -1 otherwise. */
    public long timestamp() {
        return timestamp;
    }

    /** The given offsets, for {@link Kind#SPECIFIC}; empty otherwise. Unmodifiable. */
    public Map<TopicPartition, Long> specificOffsets() {
        return Map.copyOf(offsets);
    }

    /** Where partitions without a committed or given offset start. */
    public ResetStrategy fallback() {
        return fallback;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StartingOffsets)) {
            return false;
        }
        StartingOffsets that = (StartingOffsets) o;
        return kind == that.kind
                && timestamp == that.timestamp
                && offsets.equals(that.offsets)
                && fallback == that.fallback;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestamp, offsets, fallback);
    }

    @Override
    public String toString() {
        switch (kind) {
            case TIMESTAMP:
                return "StartingOffsets.timestamp(" + timestamp + ")";
            case COMMITTED:
                return "StartingOffsets.committed(fallback " + fallback + ")";
            case SPECIFIC:
                return "StartingOffsets.specific(" + offsets + ", fallback " + fallback + ")";
            default:
                return "StartingOffsets." + kind.name().toLowerCase(java.util.Locale.ROOT) + "()";
        }
    }
}
