package io.github.flinkkafkabridge.testkit;

import io.github.flinkkafkabridge.testkit.internal.BrokerConfigs;
import io.github.flinkkafkabridge.testkit.internal.FeatureLevels;
import io.github.flinkkafkabridge.testkit.internal.TopicNames;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension with one Kafka cluster per test class, chosen by {@link
 * KafkaClusters#fromSystemProperties(Map)} (an {@link EmbeddedKafkaCluster} unless system
 * properties say otherwise). The cluster starts before the first test of the class and is closed
 * after the last one.
 *
 * <p>Register it as a static field to reach it from tests and to add broker settings:
 * <!-- snippet: kafka-cluster-extension -->
 *
 * <pre>{@code
 * class OrdersIT {
 *     @RegisterExtension
 *     static final KafkaClusterExtension KAFKA =
 *             new KafkaClusterExtension().withBrokerProperty("transaction.max.timeout.ms", "60000");
 *
 *     @Test
 *     void readsBackWhatItWrote() {
 *         String topic = KAFKA.createTopic("orders", 4);
 *         KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, List.of("a", "b"));
 *
 *         List<String> read =
 *                 KafkaTestRecords.consumeStrings(KAFKA.cluster(), topic, 2, Duration.ofSeconds(30));
 *         assertThat(read).containsExactlyInAnyOrder("a", "b");
 *     }
 * }
 * }</pre>
 *
 * <p>or declare it with {@code @ExtendWith(KafkaClusterExtension.class)} and take a {@link
 * KafkaCluster} parameter in test methods, constructors or lifecycle methods ({@code @BeforeAll},
 * {@code @BeforeEach}, ...).
 *
 * <p>{@link #withFeature} makes the cluster's tests need a finalized feature level, such as {@code
 * withFeature(KafkaCluster.TRANSACTION_VERSION, 0)} for transaction protocol 1: the embedded
 * cluster is formatted with it. With a container or external cluster that runs another level, each
 * test that uses this extension's cluster is <em>aborted</em> (reported as skipped, naming the
 * levels), since it would test something else there; the class's other tests run.
 *
 * <p>{@code @Nested} classes share the cluster of their enclosing class. When one registered
 * extension serves several classes at once (a static field of a shared base class, with classes run
 * in parallel), the cluster stays up until the last of them finishes. The extension is thread-safe.
 */
public final class KafkaClusterExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private final Map<String, Integer> featureLevels = new TreeMap<>();

    /** Why the cluster cannot serve the tests (it runs other feature levels), or null. */
    @Nullable private volatile String unsuitable;

    /** Unique ids of the class contexts using the cluster; it is closed when the last one ends. */
    private final Set<String> users = new HashSet<>();

    @Nullable private volatile KafkaCluster cluster;

    /** An extension that starts the cluster chosen by the system properties. */
    public KafkaClusterExtension() {}

    /**
     * Adds a broker setting for the embedded cluster, as {@link
     * EmbeddedKafkaCluster.Builder#brokerProperty} does; a container or external cluster ignores it
     * and logs a warning. Returns this extension, for chaining.
     *
     * @throws NullPointerException if the key or value is null
     * @throws IllegalArgumentException if the key is blank or managed by the embedded cluster
     * @throws IllegalStateException if the cluster has already started
     */
    public synchronized KafkaClusterExtension withBrokerProperty(String key, String value) {
        BrokerConfigs.checkOverride(key, value);
        if (cluster != null) {
            throw new IllegalStateException(
                    "Cannot set broker property '"
                            + key
                            + "': the Kafka cluster of this extension has already started; set"
                            + " broker properties where the extension is created");
        }
        brokerProperties.put(key, value);
        return this;
    }

    /**
     * Requires a finalized feature level: the embedded cluster is formatted with it (see {@link
     * EmbeddedKafkaCluster.Builder#feature}); with a container or external cluster that finalizes
     * another level, {@link #cluster()} (and every method that uses it) aborts the calling test
     * with a message naming the levels; a test that takes the cluster as a parameter fails with
     * that message instead, as JUnit reports every problem of parameter resolution as a failure.
     * Returns this extension, for chaining.
     *
     * @throws NullPointerException if the name is null
     * @throws IllegalArgumentException if the name is blank or the level is out of range
     * @throws IllegalStateException if the cluster has already started
     */
    public synchronized KafkaClusterExtension withFeature(String name, int level) {
        FeatureLevels.check(name, level);
        if (cluster != null) {
            throw new IllegalStateException(
                    "Cannot require feature '"
                            + name
                            + "': the Kafka cluster of this extension has already started; set"
                            + " feature levels where the extension is created");
        }
        featureLevels.put(name, level);
        return this;
    }

    /**
     * The running cluster.
     *
     * @throws IllegalStateException if the cluster has not started yet (or has been closed)
     * @throws org.opentest4j.TestAbortedException if the cluster does not run the feature levels
     *     required with {@link #withFeature}
     */
    public KafkaCluster cluster() {
        KafkaCluster current = cluster;
        if (current == null) {
            throw new IllegalStateException(notStartedMessage());
        }
        abortIfUnsuitable();
        return current;
    }

    /** The bootstrap address of the running cluster. */
    public String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    /**
     * A topic name unique within this JVM run: {@code prefix + "-" + counter + "-" + random
     * suffix}, only {@code [a-zA-Z0-9._-]} (other characters of the prefix become {@code '_'}).
     * Does not create the topic and does not need the cluster.
     */
    public String uniqueTopic(String prefix) {
        return TopicNames.unique(Objects.requireNonNull(prefix, "prefix must not be null"));
    }

    /**
     * Creates a topic named by {@link #uniqueTopic(String)} with {@code partitions} partitions and
     * returns its name once every partition accepts writes.
     *
     * @throws IllegalStateException if the cluster has not started or the topic cannot be created
     */
    public String createTopic(String prefix, int partitions) {
        String topic = uniqueTopic(prefix);
        cluster().createTopic(topic, partitions);
        return topic;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        acquire(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        KafkaCluster toClose = null;
        synchronized (this) {
            if (users.remove(context.getUniqueId()) && users.isEmpty()) {
                toClose = cluster;
                cluster = null;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    @Override
    public boolean supportsParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        KafkaCluster current = cluster;
        if (current != null) {
            abortIfUnsuitable();
            return current;
        }
        // A constructor of a PER_CLASS test instance is resolved before beforeAll runs.
        if (extensionContext.getTestMethod().isEmpty()) {
            return acquire(extensionContext);
        }
        throw new ParameterResolutionException(notStartedMessage());
    }

    private synchronized KafkaCluster acquire(ExtensionContext context) {
        KafkaCluster current = cluster;
        if (current == null) {
            current = KafkaClusters.fromSystemProperties(brokerProperties, featureLevels);
            cluster = current;
            unsuitable = otherFeatureLevels(current);
        }
        users.add(context.getUniqueId());
        return current;
    }

    private void abortIfUnsuitable() {
        String reason = unsuitable;
        if (reason != null) {
            Assumptions.abort(reason);
        }
    }

    /** What differs from the required feature levels, or null; the embedded cluster checked. */
    @Nullable
    private String otherFeatureLevels(KafkaCluster current) {
        if (featureLevels.isEmpty() || current instanceof EmbeddedKafkaCluster) {
            return null;
        }
        Map<String, Integer> finalized = new TreeMap<>();
        featureLevels.keySet().forEach(f -> finalized.put(f, current.finalizedFeatureLevel(f)));
        List<String> mismatches = FeatureLevels.mismatches(featureLevels, finalized);
        if (mismatches.isEmpty()) {
            return null;
        }
        return "This test needs feature levels that the Kafka cluster at "
                + current.bootstrapServers()
                + " does not run ("
                + String.join("; ", mismatches)
                + "); run it on the embedded cluster (-D"
                + KafkaClusters.CLUSTER_PROPERTY
                + "=embedded) or on a cluster finalized at those levels";
    }

    private static String notStartedMessage() {
        return "The Kafka cluster of this KafkaClusterExtension is not running: it starts before"
                + " the first test of a class and stops after the last one. Register the"
                + " extension in a static field with @RegisterExtension (an instance field gets"
                + " no beforeAll call) or with @ExtendWith on the class, and use the cluster from"
                + " @BeforeAll, @BeforeEach or test methods, not from static initializers.";
    }

    @Override
    public String toString() {
        KafkaCluster current = cluster;
        return "KafkaClusterExtension[" + (current == null ? "not running" : current) + "]";
    }
}
