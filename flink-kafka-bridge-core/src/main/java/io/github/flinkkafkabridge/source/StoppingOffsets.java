package io.github.flinkkafkabridge.source;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Where {@link KafkaBridgeSource} stops reading each partition (exclusive). Immutable. Used with
 * {@code setBounded} (the job finishes once every partition reached its stopping offset) or {@code
 * setUnbounded} (the source stays unbounded for Flink, but each partition stops).
 *
 * <ul>
 *   <li>{@link #latest()}: the end of the log when the partition is first seen;
 *   <li>{@link #timestamp(long)}: before the first record whose timestamp is at or after the time;
 *   <li>{@link #specific(Map)}: given offsets; partitions not in the map stop at their latest
 *       offset.
 * </ul>
 */
public final class StoppingOffsets implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of stopping position. */
    public enum Kind {
        /** Never stop. */
        NONE,
        LATEST,
        TIMESTAMP,
        SPECIFIC
    }

    private static final StoppingOffsets NONE = new StoppingOffsets(Kind.NONE, -1, Map.of());
    private static final StoppingOffsets LATEST = new StoppingOffsets(Kind.LATEST, -1, Map.of());

    private final Kind kind;
    private final long timestamp;
    private final HashMap<TopicPartition, Long> offsets;

    private StoppingOffsets(Kind kind, long timestamp, Map<TopicPartition, Long> offsets) {
        this.kind = kind;
        this.timestamp = timestamp;
        this.offsets = new HashMap<>(offsets);
    }

    /** Never stop: the default of an unbounded source. */
    public static StoppingOffsets none() {
        return NONE;
    }

    /** Stop at the end of each partition as of the moment the partition is first seen. */
    public static StoppingOffsets latest() {
        return LATEST;
    }

    /**
     * Stop before the first record whose timestamp is at or after {@code epochMillis}; partitions
     * with no such record stop at their end as of the moment they are first seen.
     */
    public static StoppingOffsets timestamp(long epochMillis) {
        OffsetMaps.checkTimestamp(epochMillis, "stopping");
        return new StoppingOffsets(Kind.TIMESTAMP, epochMillis, Map.of());
    }

    /** Like {@link #timestamp(long)}, from an {@link Instant}. */
    public static StoppingOffsets timestamp(Instant instant) {
        return timestamp(instant.toEpochMilli());
    }

    /**
     * Stop before the given offsets; partitions not in the map stop at their end as of the moment
     * they are first seen.
     */
    public static StoppingOffsets specific(Map<TopicPartition, Long> offsets) {
        OffsetMaps.checkOffsets(offsets, "stopping");
        return new StoppingOffsets(Kind.SPECIFIC, -1, offsets);
    }

    public Kind kind() {
        return kind;
    }

    /** The stop time in epoch milliseconds, for {@link Kind#TIMESTAMP}; -1 otherwise. */
    public long timestamp() {
        return timestamp;
    }

    /** The given offsets, for {@link Kind#SPECIFIC}; empty otherwise. Unmodifiable. */
    public Map<TopicPartition, Long> specificOffsets() {
        return Map.copyOf(offsets);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StoppingOffsets)) {
            return false;
        }
        StoppingOffsets that = (StoppingOffsets) o;
        return kind == that.kind && timestamp == that.timestamp && offsets.equals(that.offsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestamp, offsets);
    }

    @Override
    public String toString() {
        switch (kind) {
            case TIMESTAMP:
                return "StoppingOffsets.timestamp(" + timestamp + ")";
            case SPECIFIC:
                return "StoppingOffsets.specific(" + offsets + ")";
            default:
                return "StoppingOffsets." + kind.name().toLowerCase(java.util.Locale.ROOT) + "()";
        }
    }
}
