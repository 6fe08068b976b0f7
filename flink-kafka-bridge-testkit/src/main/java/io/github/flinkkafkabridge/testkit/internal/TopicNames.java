package io.github.flinkkafkabridge.testkit.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Topic name rules and unique test topic names. The counter is JVM-wide, so names never repeat
 * within one JVM run; the random suffix keeps runs against a shared external cluster apart.
 */
public final class TopicNames {

    /** Kafka's limit on topic name length. */
    public static final int MAX_LENGTH = 249;

    /** Longest prefix kept by {@link #unique(String)}, leaving room for the counter and suffix. */
    static final int MAX_PREFIX_LENGTH = 200;

    static final String DEFAULT_PREFIX = "topic";

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern ILLEGAL_CHARACTER = Pattern.compile("[^a-zA-Z0-9._-]");
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 6;
    private static final AtomicLong COUNTER = new AtomicLong();

    private TopicNames() {}

    /**
     * {@code prefix + "-" + counter + "-" + random suffix}. Characters outside {@code
     * [a-zA-Z0-9._-]} in the prefix become {@code '_'}, so a JUnit display name such as {@code
     * "writes(int)[1]"} is a usable prefix; an empty prefix becomes {@value #DEFAULT_PREFIX}.
     */
    public static String unique(String prefix) {
        StringBuilder name = new StringBuilder(sanitize(prefix));
        name.append('-').append(COUNTER.incrementAndGet()).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    /** The prefix with illegal characters replaced by {@code '_'} and cut to a safe length. */
    static String sanitize(String prefix) {
        String cleaned = ILLEGAL_CHARACTER.matcher(prefix).replaceAll("_");
        if (cleaned.isEmpty()) {
            return DEFAULT_PREFIX;
        }
        return cleaned.length() > MAX_PREFIX_LENGTH
                ? cleaned.substring(0, MAX_PREFIX_LENGTH)
                : cleaned;
    }

    /**
     * Checks a topic name against Kafka's rules and fails with a message quoting it.
     *
     * @throws IllegalArgumentException if the name is empty, too long, {@code "."} or {@code ".."},
     *     or has a character outside {@code [a-zA-Z0-9._-]}
     */
    public static String checkValid(String topic) {
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be empty");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "Topic name '"
                            + topic
                            + "' is "
                            + topic.length()
                            + " characters long; Kafka allows at most "
                            + MAX_LENGTH);
        }
        if (topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(
                    "Topic name '" + topic + "' is not allowed by Kafka");
        }
        if (!LEGAL.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "Topic name '"
                            + topic
                            + "' has characters Kafka does not allow; use only [a-zA-Z0-9._-]");
        }
        return topic;
    }
}
