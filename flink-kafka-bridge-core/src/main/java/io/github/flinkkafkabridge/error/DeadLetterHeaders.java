package io.github.flinkkafkabridge.error;

import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;
import org.apache.kafka.common.header.Headers;

/**
 * The headers the library adds to a dead-lettered record, after the record's own headers. Values
 * are UTF-8 text, so {@code kafka-console-consumer --property print.headers=true} shows them.
 */
public final class DeadLetterHeaders {

    /** The topic the record came from (source) or was meant for (sink). */
    public static final String ORIGINAL_TOPIC = "kafka-bridge.original.topic";

    /** The partition the record came from, or was meant for ({@code -1} when none was set). */
    public static final String ORIGINAL_PARTITION = "kafka-bridge.original.partition";

    /** The offset the record had in its source partition (source side only). */
    public static final String ORIGINAL_OFFSET = "kafka-bridge.original.offset";

    /** The record's timestamp in epoch milliseconds, when it had one. */
    public static final String ORIGINAL_TIMESTAMP = "kafka-bridge.original.timestamp";

    /** The class of the exception that rejected the record. */
    public static final String ERROR_CLASS = "kafka-bridge.error.class";

    /** The message of that exception, at most {@value #MAX_MESSAGE_CHARS} characters. */
    public static final String ERROR_MESSAGE = "kafka-bridge.error.message";

    /** Longest error message kept in {@link #ERROR_MESSAGE}. */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    private DeadLetterHeaders() {}

    /**
     * Adds the origin and error headers to {@code headers}.
     *
     * @param offset the source offset, or a negative number when there is none
     * @param timestamp the record timestamp, or a negative number when there is none
     */
    public static void add(
            Headers headers,
            String topic,
            int partition,
            long offset,
            long timestamp,
            Throwable error) {
        put(headers, ORIGINAL_TOPIC, topic);
        put(headers, ORIGINAL_PARTITION, String.valueOf(partition));
        if (offset >= 0) {
            put(headers, ORIGINAL_OFFSET, String.valueOf(offset));
        }
        if (timestamp >= 0) {
            put(headers, ORIGINAL_TIMESTAMP, String.valueOf(timestamp));
        }
        put(headers, ERROR_CLASS, error.getClass().getName());
        put(headers, ERROR_MESSAGE, truncate(error.getMessage()));
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(@Nullable String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS);
    }
}
