package io.github.flinkkafkabridge.sink.internals;

import java.util.regex.Pattern;
import javax.annotation.Nullable;

/** Checks topic names with the broker's rules, so a bad name fails at configuration time. */
public final class TopicNames {

    /** The broker's limit on a topic name's length. */
    public static final int MAX_LENGTH = 249;

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {}

    /**
     * Returns {@code topic} when it is a legal Kafka topic name.
     *
     * @throws IllegalArgumentException naming the bad value and why
     */
    public static String requireValid(@Nullable String topic) {
        String problem = problem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return topic;
    }

    /** Why {@code topic} is not a legal Kafka topic name, or null when it is. */
    @Nullable
    public static String problem(@Nullable String topic) {
        if (topic == null) {
            return "topic must not be null";
        }
        if (topic.isEmpty() || topic.equals(".") || topic.equals("..")) {
            return "invalid Kafka topic name '" + topic + "'";
        }
        if (topic.length() > MAX_LENGTH) {
            return "invalid Kafka topic name '"
                    + topic
                    + "': longer than "
                    + MAX_LENGTH
                    + " characters";
        }
        if (!LEGAL.matcher(topic).matches()) {
            return "invalid Kafka topic name '"
                    + topic
                    + "': only ASCII letters, digits, '.', '_' and '-' are allowed";
        }
        return null;
    }
}
