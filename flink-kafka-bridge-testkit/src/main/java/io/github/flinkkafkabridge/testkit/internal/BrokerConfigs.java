package io.github.flinkkafkabridge.testkit.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The configuration of the embedded single-node KRaft cluster: one process that is both broker and
 * controller on 127.0.0.1, tuned for tests. Three layers, later ones winning: {@link #DEFAULTS},
 * the caller's overrides, then the {@link #MANAGED_KEYS} this class sets itself.
 */
public final class BrokerConfigs {

    /** Name of the client listener. */
    public static final String BROKER_LISTENER = "PLAINTEXT";

    /** Name of the client listener when it speaks SASL_PLAINTEXT (see {@link SaslPlainUsers}). */
    public static final String SASL_BROKER_LISTENER = "SASL_PLAINTEXT";

    /** Name of the KRaft controller listener. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    /**
     * Defaults suited to a one-node test cluster; any of them can be overridden. Replication
     * factors and min ISR are 1 because there is one broker; internal topics get few partitions so
     * they are created fast; consumer groups rebalance at once; topics are never created
     * implicitly, so a test that writes to a missing topic fails instead of silently creating it;
     * the log cleaner's buffer is small because the default (128 MiB) is allocated on the heap at
     * startup.
     */
    public static final Map<String, String> DEFAULTS;

    /**
     * Keys that describe where and how the node runs (roles, listeners, quorum, log directories).
     * The embedded cluster sets them itself and rejects overrides.
     */
    public static final Set<String> MANAGED_KEYS;

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("num.partitions", "1");
        defaults.put("default.replication.factor", "1");
        defaults.put("min.insync.replicas", "1");
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("transaction.state.log.num.partitions", "5");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("group.initial.rebalance.delay.ms", "0");
        defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        DEFAULTS = Collections.unmodifiableMap(defaults);

        MANAGED_KEYS =
                Collections.unmodifiableSet(
                        new TreeSet<>(
                                Set.of(
                                        "process.roles",
                                        "node.id",
                                        "broker.id",
                                        "listeners",
                                        "advertised.listeners",
                                        "listener.security.protocol.map",
                                        "controller.listener.names",
                                        "inter.broker.listener.name",
                                        "security.inter.broker.protocol",
                                        "controller.quorum.voters",
                                        "controller.quorum.bootstrap.servers",
                                        "log.dir",
                                        "log.dirs",
                                        "metadata.log.dir")));
    }

    private BrokerConfigs() {}

    /**
     * Checks that a broker property may be overridden by a caller.
     *
     * @throws NullPointerException if the key or value is null
     * @throws IllegalArgumentException if the key is blank or one of {@link #MANAGED_KEYS}
     */
    public static void checkOverride(String key, String value) {
        Objects.requireNonNull(key, "broker property key must not be null");
        Objects.requireNonNull(
                value, () -> "value of broker property '" + key + "' must not be null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("broker property key must not be blank");
        }
        if (MANAGED_KEYS.contains(key)) {
            throw new IllegalArgumentException(
                    "Broker property '"
                            + key
                            + "' cannot be overridden: the embedded cluster sets it itself (one"
                            + " combined broker and controller on 127.0.0.1, free ports, a"
                            + " temporary log directory). Properties it manages: "
                            + MANAGED_KEYS);
        }
    }

    /**
     * The full broker configuration for one combined broker and controller node with a PLAINTEXT
     * client listener.
     *
     * @param nodeId the node id, unique within this JVM so two clusters do not clash in JMX
     * @param brokerPort port of the client listener on 127.0.0.1
     * @param controllerPort port of the controller listener on 127.0.0.1
     * @param logDir the data directory; it holds both the topic logs and the metadata log
     * @param overrides caller overrides, already checked with {@link #checkOverride}
     */
    public static Properties build(
            int nodeId,
            int brokerPort,
            int controllerPort,
            Path logDir,
            Map<String, String> overrides) {
        return build(nodeId, brokerPort, controllerPort, logDir, overrides, null);
    }

    /**
     * The full broker configuration for one combined broker and controller node.
     *
     * @param nodeId the node id, unique within this JVM so two clusters do not clash in JMX
     * @param brokerPort port of the client listener on 127.0.0.1
     * @param controllerPort port of the controller listener on 127.0.0.1
     * @param logDir the data directory; it holds both the topic logs and the metadata log
     * @param overrides caller overrides, already checked with {@link #checkOverride}
     * @param sasl null for a PLAINTEXT client listener; otherwise the client listener ({@link
     *     #SASL_BROKER_LISTENER}, also used between brokers) speaks SASL_PLAINTEXT with the PLAIN
     *     mechanism and accepts these users, and its SASL settings win over the overrides. The
     *     controller listener stays PLAINTEXT.
     */
    public static Properties build(
            int nodeId,
            int brokerPort,
            int controllerPort,
            Path logDir,
            Map<String, String> overrides,
            @Nullable SaslPlainUsers sasl) {
        Properties props = new Properties();
        props.putAll(DEFAULTS);
        overrides.forEach(
                (key, value) -> {
                    checkOverride(key, value);
                    props.put(key, value);
                });
        String host = PortAllocator.HOST;
        String brokerListener = sasl == null ? BROKER_LISTENER : SASL_BROKER_LISTENER;
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put(
                "listeners",
                brokerListener
                        + "://"
                        + host
                        + ":"
                        + brokerPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://"
                        + host
                        + ":"
                        + controllerPort);
        props.put("advertised.listeners", brokerListener + "://" + host + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map",
                brokerListener
                        + ":"
                        + (sasl == null ? "PLAINTEXT" : "SASL_PLAINTEXT")
                        + ","
                        + CONTROLLER_LISTENER
                        + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", brokerListener);
        if (sasl != null) {
            props.putAll(sasl.brokerProperties(brokerListener));
        }
        // A single-node dynamic quorum ("kafka-storage format --standalone").
        props.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        return props;
    }
}
