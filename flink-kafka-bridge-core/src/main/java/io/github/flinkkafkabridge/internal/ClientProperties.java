package io.github.flinkkafkabridge.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.slf4j.Logger;

/**
 * Helpers for the Kafka client properties a user passes through to the consumer, producer and admin
 * clients: copying (a built object never shares the builder's {@link Properties}), enforcing the
 * keys the library must control, and printing them without secrets.
 */
public final class ClientProperties {

    /** Shown instead of the value of a secret key. */
    public static final String REDACTED = "[hidden]";

    /**
     * Socket buffer size meaning "the operating system's default" for {@code send.buffer.bytes} and
     * {@code receive.buffer.bytes}. Kafka's clients fix the buffer of the side that carries the
     * records (64 KiB for a consumer's receiving, 128 KiB for a producer's sending), which on Linux
     * also turns off the kernel's buffer auto-tuning: a fetch response or produce request of a
     * megabyte then crosses the socket in many small steps, each a wake-up of the thread on the
     * other side. With the system default the kernel sizes the buffer to the traffic.
     */
    public static final String OS_DEFAULT_SOCKET_BUFFER = "-1";

    private ClientProperties() {}

    /** A new {@link Properties} holding the string entries of {@code source}. */
    public static Properties copyOf(@Nullable Properties source) {
        Properties copy = new Properties();
        if (source != null) {
            for (String key : source.stringPropertyNames()) {
                copy.setProperty(key, source.getProperty(key));
            }
        }
        return copy;
    }

    /**
     * Sets {@code key} to {@code value} in {@code props}; when the user had set a different value,
     * logs a warning naming the key, the value used and why.
     */
    public static void enforce(
            Properties props, String key, String value, String reason, Logger log) {
        String previous = props.getProperty(key);
        if (previous != null && !previous.equals(value)) {
            log.warn(
                    "Kafka client property '{}' is controlled by the library: using '{}' instead of"
                            + " the configured '{}' ({}).",
                    key,
                    isSecret(key) ? REDACTED : value,
                    isSecret(key) ? REDACTED : previous,
                    reason);
        }
        props.setProperty(key, value);
    }

    /** Sets {@code key} to {@code value} unless the user configured it. */
    public static void setIfAbsent(Properties props, String key, String value) {
        if (props.getProperty(key) == null) {
            props.setProperty(key, value);
        }
    }

    /**
     * The entries of {@code props} whose keys a Kafka client of another kind knows (e.g. {@code
     * ProducerConfig.configNames()}): connection and security settings carry over, settings of the
     * consumer alone do not.
     */
    public static Properties onlyKeysOf(Properties props, java.util.Set<String> knownKeys) {
        Properties selected = new Properties();
        for (String key : props.stringPropertyNames()) {
            if (knownKeys.contains(key)) {
                selected.setProperty(key, props.getProperty(key));
            }
        }
        return selected;
    }

    /** Whether the value of {@code key} is a secret that must not reach logs or messages. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("jaas.config")
                || k.contains("secret")
                || k.endsWith(".key")
                || k.contains("token")
                || k.contains("credentials");
    }

    /** The properties as a sorted string with secret values replaced by {@link #REDACTED}. */
    public static String redacted(Properties props) {
        Map<String, String> sorted = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            sorted.put(key, isSecret(key) ? REDACTED : props.getProperty(key));
        }
        return sorted.toString();
    }
}
