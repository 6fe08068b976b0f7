package io.github.flinkkafkabridge.testkit.internal;

import static io.github.flinkkafkabridge.testkit.KafkaClusters.BOOTSTRAP_SERVERS_PROPERTY;
import static io.github.flinkkafkabridge.testkit.KafkaClusters.CLIENT_PROPERTY_PREFIX;
import static io.github.flinkkafkabridge.testkit.KafkaClusters.CLUSTER_PROPERTY;
import static io.github.flinkkafkabridge.testkit.KafkaClusters.CONTAINER_IMAGE_PROPERTY;
import static io.github.flinkkafkabridge.testkit.KafkaClusters.DEFAULT_CONTAINER_IMAGE;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * Chooses a cluster from a set of properties (normally the system properties); a pure function so
 * it can be tested without touching {@link System#getProperties()}.
 *
 * <ul>
 *   <li>{@code kafka.bridge.cluster} unset: external if {@code kafka.bridge.bootstrap.servers} is
 *       set, else embedded.
 *   <li>{@code kafka.bridge.cluster=external}: needs {@code kafka.bridge.bootstrap.servers}.
 *   <li>{@code kafka.bridge.cluster=embedded} or {@code container}: a bootstrap address as well is
 *       a contradiction and fails, naming both properties.
 * </ul>
 *
 * Values are trimmed; the cluster kind is case-insensitive.
 */
public final class ClusterSelection {

    /** Accepted values of {@code kafka.bridge.cluster}. */
    public static final String EMBEDDED = "embedded";

    /** Accepted values of {@code kafka.bridge.cluster}. */
    public static final String CONTAINER = "container";

    /** Accepted values of {@code kafka.bridge.cluster}. */
    public static final String EXTERNAL = "external";

    private ClusterSelection() {}

    /**
     * The cluster the properties ask for.
     *
     * @throws IllegalArgumentException if the properties are contradictory or malformed; the
     *     message names each property at fault
     */
    public static ClusterSpec select(Map<String, String> properties) {
        String bootstrap = trimmedOrNull(properties.get(BOOTSTRAP_SERVERS_PROPERTY));
        String kind = trimmedOrNull(properties.get(CLUSTER_PROPERTY));
        if (kind == null) {
            kind = bootstrap != null ? EXTERNAL : EMBEDDED;
        } else {
            kind = kind.toLowerCase(Locale.ROOT);
        }
        switch (kind) {
            case EXTERNAL:
                if (bootstrap == null) {
                    throw new IllegalArgumentException(
                            "-D"
                                    + CLUSTER_PROPERTY
                                    + "="
                                    + EXTERNAL
                                    + " needs -D"
                                    + BOOTSTRAP_SERVERS_PROPERTY
                                    + "=host:port[,host:port...]");
                }
                return new ClusterSpec.External(bootstrap, clientProperties(properties));
            case EMBEDDED:
                rejectBootstrap(kind, bootstrap);
                return new ClusterSpec.Embedded();
            case CONTAINER:
                rejectBootstrap(kind, bootstrap);
                String image = trimmedOrNull(properties.get(CONTAINER_IMAGE_PROPERTY));
                return new ClusterSpec.Container(image == null ? DEFAULT_CONTAINER_IMAGE : image);
            default:
                throw new IllegalArgumentException(
                        "Unknown value '"
                                + properties.get(CLUSTER_PROPERTY)
                                + "' for -D"
                                + CLUSTER_PROPERTY
                                + "; expected one of: "
                                + EMBEDDED
                                + ", "
                                + CONTAINER
                                + ", "
                                + EXTERNAL);
        }
    }

    /**
     * The properties named {@code kafka.bridge.client.<key>}, keyed by {@code <key>}, in key order.
     *
     * @throws IllegalArgumentException if a property is named just {@code kafka.bridge.client.}
     */
    public static Map<String, String> clientProperties(Map<String, String> properties) {
        Map<String, String> client = new TreeMap<>();
        properties.forEach(
                (name, value) -> {
                    if (name.startsWith(CLIENT_PROPERTY_PREFIX)) {
                        String key = name.substring(CLIENT_PROPERTY_PREFIX.length()).trim();
                        if (key.isEmpty()) {
                            throw new IllegalArgumentException(
                                    "System property '"
                                            + name
                                            + "' has no client property key after the prefix '"
                                            + CLIENT_PROPERTY_PREFIX
                                            + "'; write it as -D"
                                            + CLIENT_PROPERTY_PREFIX
                                            + "security.protocol=SASL_SSL, for instance");
                        }
                        client.put(key, value);
                    }
                });
        return client;
    }

    /** A snapshot of {@link System#getProperties()} with string keys and values. */
    public static Map<String, String> systemProperties() {
        Properties system = System.getProperties();
        Map<String, String> snapshot = new TreeMap<>();
        for (String name : system.stringPropertyNames()) {
            String value = system.getProperty(name);
            if (value != null) {
                snapshot.put(name, value);
            }
        }
        return snapshot;
    }

    private static void rejectBootstrap(String kind, @Nullable String bootstrap) {
        if (bootstrap != null) {
            throw new IllegalArgumentException(
                    "Contradictory settings: -D"
                            + CLUSTER_PROPERTY
                            + "="
                            + kind
                            + " asks for a cluster started by the test kit, but -D"
                            + BOOTSTRAP_SERVERS_PROPERTY
                            + "="
                            + bootstrap
                            + " points at an external one; remove one of them (or set -D"
                            + CLUSTER_PROPERTY
                            + "="
                            + EXTERNAL
                            + ")");
        }
    }

    @Nullable
    private static String trimmedOrNull(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
