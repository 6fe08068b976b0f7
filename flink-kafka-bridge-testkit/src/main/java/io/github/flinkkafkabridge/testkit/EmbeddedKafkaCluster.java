package io.github.flinkkafkabridge.testkit;

import io.github.flinkkafkabridge.testkit.internal.BrokerConfigs;
import io.github.flinkkafkabridge.testkit.internal.ClusterOperations;
import io.github.flinkkafkabridge.testkit.internal.DataDirectory;
import io.github.flinkkafkabridge.testkit.internal.Exceptions;
import io.github.flinkkafkabridge.testkit.internal.FeatureLevels;
import io.github.flinkkafkabridge.testkit.internal.KRaftNode;
import io.github.flinkkafkabridge.testkit.internal.KafkaHaltGuard;
import io.github.flinkkafkabridge.testkit.internal.PortAllocator;
import io.github.flinkkafkabridge.testkit.internal.SaslPlainUsers;
import java.net.BindException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster in this JVM: one KRaft node that is both broker and controller, listening on
 * 127.0.0.1 on free ports, with its data in a temporary {@code embedded-kafka-*} directory under
 * {@code java.io.tmpdir}. No Docker, no ZooKeeper; it starts in about two seconds and closes in
 * under one.
 * <!-- snippet: embedded-kafka-cluster -->
 *
 * <pre>{@code
 * try (EmbeddedKafkaCluster kafka =
 *         EmbeddedKafkaCluster.builder()
 *                 .brokerProperty("transaction.max.timeout.ms", "60000")
 *                 .start()) {
 *     kafka.createTopic("orders", 4);
 *     runJob.accept(kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Defaults, tuned for a one-node test cluster (each can be changed with {@link
 * Builder#brokerProperty}): replication factor and min ISR 1, also for the offsets and transaction
 * state topics; 5 partitions for the offsets and transaction state topics; {@code
 * group.initial.rebalance.delay.ms=0}; {@code auto.create.topics.enable=false}, so writing to or
 * reading from a missing topic is an error; {@code num.partitions=1}. Roles, listeners, the quorum
 * and the log directories are managed by this class and cannot be overridden.
 *
 * <p>With {@link Builder#withSaslPlainUsers} the client listener speaks {@code SASL_PLAINTEXT} with
 * the {@code PLAIN} mechanism instead of {@code PLAINTEXT}; {@link #clientProperties()} then logs
 * in as the test kit's own admin user, and {@link #saslPlainClientProperties} as any user.
 *
 * <p>Feature levels are those a fresh cluster of this Kafka release gets; for Kafka 4.4 that
 * includes {@value KafkaCluster#TRANSACTION_VERSION} 2, the KIP-890 transaction protocol. {@link
 * Builder#feature} formats the cluster with another level, to test against what older or not fully
 * upgraded clusters run: {@code builder().feature(TRANSACTION_VERSION, 0).start()} starts a broker
 * with transaction protocol 1, and {@link #finalizedFeatureLevel} reads a level back.
 *
 * <p>Starting retries a few times when a port turns out to be taken (another process can grab a
 * free port before the broker binds it). {@link #close()} stops the broker and deletes the
 * directory; a JVM shutdown hook does the same if the cluster is never closed, and the first start
 * in a JVM deletes {@code embedded-kafka-*} directories older than an hour whose owner is gone.
 * Several clusters can run in one JVM at the same time. Thread-safe.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    /** Start attempts before giving up when ports turn out to be taken. */
    static final int MAX_START_ATTEMPTS = 5;

    /** How long the broker may take to answer after its server started. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** Age after which a left-over {@code embedded-kafka-*} directory counts as stale. */
    static final Duration STALE_DIRECTORY_AGE = Duration.ofHours(1);

    /** Distinct node ids keep two clusters in one JVM apart in JMX. */
    private static final AtomicInteger NODE_IDS = new AtomicInteger();

    private static final AtomicBoolean STALE_DIRECTORIES_CLEANED = new AtomicBoolean();

    private final String bootstrapServers;

    /** Security settings of {@link #clientProperties()}; empty for a PLAINTEXT listener. */
    private final Map<String, String> clientSecurity;

    private final DataDirectory directory;
    private final KRaftNode node;
    private final ClusterOperations operations;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaCluster(
            String bootstrapServers,
            Map<String, String> clientSecurity,
            DataDirectory directory,
            KRaftNode node,
            ClusterOperations operations) {
        this.bootstrapServers = bootstrapServers;
        this.clientSecurity = clientSecurity;
        this.directory = directory;
        this.node = node;
        this.operations = operations;
        this.shutdownHook =
                new Thread(
                        this::closeFromShutdownHook, "embedded-kafka-shutdown-" + bootstrapServers);
    }

    /** Starts a cluster with the default settings. */
    public static EmbeddedKafkaCluster start() {
        return builder().start();
    }

    /** A builder to override broker settings before starting. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a cluster: formats a fresh directory, starts the node and waits until it answers.
     * Package-private so tests can hand in a port allocator that returns a taken port.
     */
    static EmbeddedKafkaCluster start(Map<String, String> overrides, PortAllocator ports) {
        return start(overrides, Map.of(), null, ports);
    }

    /** Starts a cluster as {@link #start(Map, PortAllocator)} does, with these feature levels. */
    static EmbeddedKafkaCluster start(
            Map<String, String> overrides,
            Map<String, Integer> featureLevels,
            PortAllocator ports) {
        return start(overrides, featureLevels, null, ports);
    }

    /**
     * Starts a cluster as {@link #start(Map, PortAllocator)} does, with these feature levels and a
     * SASL_PLAINTEXT client listener when {@code sasl} is not null.
     */
    static EmbeddedKafkaCluster start(
            Map<String, String> overrides,
            Map<String, Integer> featureLevels,
            @Nullable SaslPlainUsers sasl,
            PortAllocator ports) {
        Map<String, String> clientSecurity =
                sasl == null ? Map.of() : Map.copyOf(sasl.adminClientProperties());
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        deleteStaleDirectoriesOnce(tmp);
        long startNanos = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            DataDirectory directory = DataDirectory.create(tmp);
            int brokerPort = ports.nextPort();
            int controllerPort = ports.nextPort();
            String bootstrap = PortAllocator.HOST + ":" + brokerPort;
            KRaftNode node = null;
            ClusterOperations operations = null;
            try {
                Properties props =
                        BrokerConfigs.build(
                                NODE_IDS.incrementAndGet(),
                                brokerPort,
                                controllerPort,
                                directory.logDir(),
                                overrides,
                                sasl);
                node = KRaftNode.formatAndStart(props, directory.configFile(), featureLevels);
                Properties clientProps = new Properties();
                clientProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                clientProps.putAll(clientSecurity);
                operations =
                        new ClusterOperations(
                                bootstrap, () -> copy(clientProps), TOPIC_OPERATION_TIMEOUT);
                operations.awaitReachable(READY_TIMEOUT, "the embedded Kafka broker to start");
                checkFeatureLevels(operations, featureLevels, bootstrap);
                EmbeddedKafkaCluster cluster =
                        new EmbeddedKafkaCluster(
                                bootstrap, clientSecurity, directory, node, operations);
                Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
                LOG.info(
                        "Started embedded Kafka at {}{} in {} ms (log dir {})",
                        bootstrap,
                        sasl == null ? "" : " (" + sasl + ")",
                        (System.nanoTime() - startNanos) / 1_000_000,
                        directory.logDir());
                return cluster;
            } catch (RuntimeException | Error e) {
                if (operations != null) {
                    operations.close();
                }
                if (node != null) {
                    node.shutdown();
                }
                directory.delete();
                if (e instanceof Error && !(e instanceof LinkageError)) {
                    throw (Error) e; // out of memory and the like: nothing to explain or retry
                }
                boolean portTaken = isPortConflict(e, brokerPort, controllerPort);
                if (portTaken && attempt < MAX_START_ATTEMPTS) {
                    LOG.info(
                            "Port {} or {} on {} was taken while the embedded Kafka broker"
                                    + " started (attempt {} of {}); retrying with new ports",
                            brokerPort,
                            controllerPort,
                            PortAllocator.HOST,
                            attempt,
                            MAX_START_ATTEMPTS);
                    continue;
                }
                throw new IllegalStateException(
                        "Could not start the embedded Kafka broker on "
                                + bootstrap
                                + " (controller port "
                                + controllerPort
                                + ", attempt "
                                + attempt
                                + " of "
                                + MAX_START_ATTEMPTS
                                + (portTaken ? ", every attempt found a port taken" : "")
                                + ", log dir "
                                + directory.logDir()
                                + "): "
                                + Exceptions.describe(e),
                        e);
            }
        }
    }

    /** Fails when the running broker does not finalize the levels it was formatted with. */
    private static void checkFeatureLevels(
            ClusterOperations operations, Map<String, Integer> requested, String bootstrap) {
        if (requested.isEmpty()) {
            return;
        }
        List<String> mismatches =
                FeatureLevels.mismatches(
                        requested,
                        FeatureLevels.finalized(operations.admin(), READY_TIMEOUT, bootstrap));
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(
                    "The embedded Kafka broker does not run the feature levels it was formatted"
                            + " with: "
                            + String.join("; ", mismatches));
        }
    }

    /**
     * Whether a start failed because a port was taken. A taken broker port shows as a {@link
     * BindException} in the cause chain; a taken controller port makes Kafka ask to halt the JVM,
     * which carries no cause, so the ports are probed after the failed node has shut down. The
     * operating system can also hand out the same free port twice in a row, which Kafka rejects as
     * two listeners on one port.
     */
    private static boolean isPortConflict(Throwable error, int brokerPort, int controllerPort) {
        if (brokerPort == controllerPort || Exceptions.hasCause(error, BindException.class)) {
            return true;
        }
        return Exceptions.hasCause(error, KafkaHaltGuard.HaltRequestedException.class)
                && (!PortAllocator.isFree(brokerPort) || !PortAllocator.isFree(controllerPort));
    }

    private static void deleteStaleDirectoriesOnce(Path tmp) {
        // Before this JVM creates a directory of its own, so none of ours is ever a candidate.
        synchronized (STALE_DIRECTORIES_CLEANED) {
            if (STALE_DIRECTORIES_CLEANED.compareAndSet(false, true)) {
                DataDirectory.deleteStale(tmp, STALE_DIRECTORY_AGE);
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With {@link Builder#withSaslPlainUsers}, also {@code security.protocol=SASL_PLAINTEXT},
     * {@code sasl.mechanism=PLAIN} and a {@code sasl.jaas.config} of the test kit's admin user.
     */
    @Override
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(clientSecurity);
        return props;
    }

    /**
     * Client properties that log in as {@code user} with {@code password} over SASL/PLAIN: {@code
     * bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism} and {@code
     * sasl.jaas.config}. The broker is not asked, so wrong credentials make a client the broker
     * rejects. A fresh mutable copy each call.
     *
     * @throws IllegalStateException if the cluster was started without {@link
     *     Builder#withSaslPlainUsers}
     */
    public Properties saslPlainClientProperties(String user, String password) {
        Objects.requireNonNull(user, "user must not be null");
        Objects.requireNonNull(password, "password must not be null");
        if (clientSecurity.isEmpty()) {
            throw new IllegalStateException(
                    "The embedded Kafka cluster at "
                            + bootstrapServers
                            + " has a PLAINTEXT listener; start it with"
                            + " EmbeddedKafkaCluster.builder().withSaslPlainUsers(...)");
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(SaslPlainUsers.clientProperties(user, password));
        return props;
    }

    @Override
    public void createTopic(String topic, int partitions, Map<String, String> topicConfigs) {
        operations.createTopic(topic, partitions, topicConfigs);
    }

    @Override
    public void addPartitions(String topic, int totalPartitions) {
        operations.addPartitions(topic, totalPartitions);
    }

    @Override
    public void deleteTopic(String topic) {
        operations.deleteTopic(topic);
    }

    /** Stops the broker and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (doClose()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook's close will find us closed.
            }
        }
    }

    /** The temporary directory holding the configuration and the log directory. */
    Path directory() {
        return directory.path();
    }

    /** Whether {@link #close()} has been called. */
    boolean isClosed() {
        return closed.get();
    }

    private void closeFromShutdownHook() {
        if (doClose()) {
            LOG.info("Stopped embedded Kafka at {} from the JVM shutdown hook", bootstrapServers);
        }
    }

    private boolean doClose() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        long startNanos = System.nanoTime();
        operations.close();
        node.shutdown();
        directory.delete();
        LOG.info(
                "Stopped embedded Kafka at {} in {} ms",
                bootstrapServers,
                (System.nanoTime() - startNanos) / 1_000_000);
        return true;
    }

    private static Properties copy(Properties source) {
        Properties props = new Properties();
        props.putAll(source);
        return props;
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster["
                + bootstrapServers
                + (closed.get() ? ", closed" : "")
                + ", dir "
                + directory
                + "]";
    }

    /**
     * Collects broker setting overrides and feature levels, then {@link #start()}s a cluster. Each
     * setter checks its own argument at once; setting a key or feature again replaces its value.
     * The builder can start several clusters, and changing it afterwards does not affect clusters
     * already started. Not thread-safe.
     */
    public static final class Builder {

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final Map<String, Integer> featureLevels = new TreeMap<>();

        @Nullable private SaslPlainUsers saslPlainUsers;

        private Builder() {}

        /**
         * Overrides one broker setting, for example {@code transaction.max.timeout.ms} or {@code
         * transaction.two.phase.commit.enable}.
         *
         * @throws NullPointerException if the key or value is null
         * @throws IllegalArgumentException if the key is blank or managed by the embedded cluster
         *     (roles, listeners, quorum, log directories); the message lists those keys
         */
        public Builder brokerProperty(String key, String value) {
            BrokerConfigs.checkOverride(key, value);
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Overrides several broker settings, as {@link #brokerProperty} does for each entry.
         *
         * @throws NullPointerException if the map, a key or a value is null
         * @throws IllegalArgumentException if a key is blank or managed by the embedded cluster;
         *     then no entry of the map is applied
         */
        public Builder brokerProperties(Map<String, String> props) {
            Objects.requireNonNull(props, "broker properties must not be null");
            props.forEach(BrokerConfigs::checkOverride);
            brokerProperties.putAll(props);
            return this;
        }

        /**
         * Makes the client listener speak {@code SASL_PLAINTEXT} with the {@code PLAIN} mechanism
         * and accept these users besides the test kit's own admin user ({@code testkit-admin},
         * random password), which the broker uses between its own components and {@link
         * EmbeddedKafkaCluster#clientProperties()} logs in as. The controller listener stays
         * PLAINTEXT, and no authorizer is set: every user may do everything. The broker settings
         * {@code sasl.enabled.mechanisms}, {@code sasl.mechanism.inter.broker.protocol} and the
         * listener's {@code sasl.jaas.config} are set by the cluster and win over {@link
         * #brokerProperty}. Calling again replaces the users.
         *
         * @param users user name to password; names only of letters, digits, {@code .}, {@code _}
         *     and {@code -}; passwords without {@code "}, {@code \} or line breaks
         * @throws NullPointerException if the map, a name or a password is null
         * @throws IllegalArgumentException if a name or password is not allowed; the message names
         *     the user, never the password
         */
        public Builder withSaslPlainUsers(Map<String, String> users) {
            this.saslPlainUsers = SaslPlainUsers.of(users);
            return this;
        }

        /**
         * Formats the cluster with a finalized feature level, as {@code kafka-storage format
         * --feature name=level} does, instead of this Kafka release's default; for example {@code
         * feature(TRANSACTION_VERSION, 0)} for transaction protocol 1 (see {@link
         * KafkaCluster#TRANSACTION_VERSION}). The broker must support the level and the level's
         * dependencies must hold, or {@link #start()} fails with the storage formatter's
         * explanation. {@link #start()} checks that the running broker reports the level ({@code
         * Admin#describeFeatures}).
         *
         * @param name the feature, such as {@value KafkaCluster#TRANSACTION_VERSION} or {@code
         *     group.version}
         * @param level the level, 0 to 32767; 0 turns the feature off
         * @throws NullPointerException if the name is null
         * @throws IllegalArgumentException if the name is blank or the level is out of range
         */
        public Builder feature(String name, int level) {
            FeatureLevels.check(name, level);
            featureLevels.put(name, level);
            return this;
        }

        /**
         * Starts a cluster with the settings collected so far; returns once the broker answers.
         *
         * @throws IllegalStateException if the broker does not start; the message names the
         *     address, the log directory and the cause
         */
        public EmbeddedKafkaCluster start() {
            return EmbeddedKafkaCluster.start(
                    brokerProperties(), featureLevels(), saslPlainUsers, PortAllocator.ephemeral());
        }

        /** The overrides collected so far, for tests. */
        Map<String, String> brokerProperties() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(brokerProperties));
        }

        /** The feature levels collected so far, by feature name. */
        Map<String, Integer> featureLevels() {
            return Collections.unmodifiableMap(new TreeMap<>(featureLevels));
        }

        @Override
        public String toString() {
            return "EmbeddedKafkaCluster.Builder"
                    + brokerProperties.keySet()
                    + (saslPlainUsers == null ? "" : " with " + saslPlainUsers)
                    + (featureLevels.isEmpty() ? "" : " features " + featureLevels);
        }
    }
}
