package io.github.flinkkafkabridge.examples.wordcount;

import java.util.Objects;

/**
 * The count of one word in one event-time window, with the running total of that word over all
 * windows so far. A Flink POJO; written to Kafka as a small JSON object keyed by the word.
 */
public class WordCount {

    /** The word, lower case. */
    public String word;

    /** Window start, epoch milliseconds (inclusive). */
    public long windowStart;

    /** Window end, epoch milliseconds (exclusive). */
    public long windowEnd;

    /** Occurrences in the window. */
    public long count;

    /** Occurrences in all windows so far, from keyed state. */
    public long total;

    /** For Flink's POJO serializer. */
    public WordCount() {}

    public WordCount(String word, long windowStart, long windowEnd, long count, long total) {
        this.word = word;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.count = count;
        this.total = total;
    }

    /**
     * The record value: {@code
     * {"word":"kafka","windowStart":..,"windowEnd":..,"count":3,"total":9}}.
     */
    public String toJson() {
        return "{\"word\":\""
                + word.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"windowStart\":"
                + windowStart
                + ",\"windowEnd\":"
                + windowEnd
                + ",\"count\":"
                + count
                + ",\"total\":"
                + total
                + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WordCount)) {
            return false;
        }
        WordCount that = (WordCount) o;
        return windowStart == that.windowStart
                && windowEnd == that.windowEnd
                && count == that.count
                && total == that.total
                && Objects.equals(word, that.word);
    }

    @Override
    public int hashCode() {
        return Objects.hash(word, windowStart, windowEnd, count, total);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
