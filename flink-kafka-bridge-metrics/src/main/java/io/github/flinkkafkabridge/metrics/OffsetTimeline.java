package io.github.flinkkafkabridge.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Known (timestamp, offset) points of one partition, for estimating the timestamp of any offset by
 * linear interpolation: the time lag of a consumer group is then now minus the estimated timestamp
 * of its committed offset. Points come from Kafka's offsets-for-times lookup (the first offset with
 * a timestamp at or after a time) plus the log end at "now". Immutable.
 */
public final class OffsetTimeline {

    /** A point: the record at {@code offset} has about {@code timestampMillis}. */
    public record Point(long timestampMillis, long offset) {}

    /** An estimate of the timestamp of an offset. */
    public record Estimate(long offset, double timestampMillis, boolean olderThanTimeline) {

        /**
         * The age of the record at {@code nowMillis}, in seconds; when {@link #olderThanTimeline()}
         * the record is at least this old.
         */
        public double ageSeconds(long nowMillis) {
            return Math.max(0.0, (nowMillis - timestampMillis) / 1000.0);
        }
    }

    private final List<Point> points;

    private OffsetTimeline(List<Point> points) {
        this.points = points;
    }

    /**
     * A timeline of {@code points} in any order; for equal offsets the earliest timestamp wins, and
     * points whose timestamp goes backwards as the offset grows are dropped (timestamps are not
     * monotonic in a Kafka log, the estimate is).
     */
    public static OffsetTimeline of(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(
                Comparator.comparingLong(Point::offset).thenComparingLong(Point::timestampMillis));
        List<Point> kept = new ArrayList<>();
        for (Point point : sorted) {
            if (!kept.isEmpty()) {
                Point last = kept.get(kept.size() - 1);
                if (point.offset() == last.offset()
                        || point.timestampMillis() < last.timestampMillis()) {
                    continue;
                }
            }
            kept.add(point);
        }
        return new OffsetTimeline(List.copyOf(kept));
    }

    /** The points kept, by offset. */
    public List<Point> points() {
        return points;
    }

    /**
     * The estimated timestamp of the record at {@code offset}: interpolated between the points
     * around it; the first point's timestamp (flagged as older) before the timeline; the last
     * point's after it.
     *
     * @throws IllegalStateException if the timeline has no point
     */
    public Estimate estimate(long offset) {
        if (points.isEmpty()) {
            throw new IllegalStateException("An empty timeline cannot estimate offset " + offset);
        }
        Point first = points.get(0);
        if (offset < first.offset()) {
            return new Estimate(offset, first.timestampMillis(), true);
        }
        for (int i = 1; i < points.size(); i++) {
            Point after = points.get(i);
            if (offset <= after.offset()) {
                Point before = points.get(i - 1);
                double fraction =
                        (double) (offset - before.offset()) / (after.offset() - before.offset());
                double timestamp =
                        before.timestampMillis()
                                + fraction * (after.timestampMillis() - before.timestampMillis());
                return new Estimate(offset, timestamp, false);
            }
        }
        return new Estimate(offset, points.get(points.size() - 1).timestampMillis(), false);
    }
}
