package io.github.flinkkafkabridge.testkit;

import io.github.flinkkafkabridge.testkit.internal.BrokerConfigs;
import io.github.flinkkafkabridge.testkit.internal.ClusterSelection;
import io.github.flinkkafkabridge.testkit.internal.ClusterSpec;
import io.github.flinkkafkabridge.testkit.internal.ExternalKafkaCluster;
import io.github.flinkkafkabridge.testkit.internal.FeatureLevels;
import io.github.flinkkafkabridge.testkit.internal.TestcontainersSupport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Kafka cluster for a test run or a local run from system properties, so the same tests
 * run against an in-process broker on a laptop and against a real cluster in CI:
 *
 * <table>
 *   <caption>System properties read</caption>
 *   <tr><th>Property</th><th>Meaning</th></tr>
 *   <tr><td>{@value #BOOTSTRAP_SERVERS_PROPERTY}</td>
 *       <td>Use the external cluster at this address (the test kit neither starts nor stops
 *       it).</td></tr>
 *   <tr><td>{@value #CLIENT_PROPERTY_PREFIX}{@code <key>}</td>
 *       <td>Extra client settings for the external cluster, for example {@code
 *       -Dkafka.bridge.client.security.protocol=SASL_SSL}; ignored, with a warning, for the
 *       other kinds.</td></tr>
 *   <tr><td>{@value #CLUSTER_PROPERTY}</td>
 *       <td>{@code embedded} (the default without a bootstrap address): an {@link
 *       EmbeddedKafkaCluster} in this JVM. {@code container}: a Testcontainers Kafka container,
 *       which needs Docker and the optional {@code org.testcontainers:kafka} dependency. {@code
 *       external} (the default with a bootstrap address): the cluster at {@value
 *       #BOOTSTRAP_SERVERS_PROPERTY}.</td></tr>
 *   <tr><td>{@value #CONTAINER_IMAGE_PROPERTY}</td>
 *       <td>The image for {@code container}; default {@value #DEFAULT_CONTAINER_IMAGE}.</td></tr>
 * </table>
 *
 * <p>Asking for {@code embedded} or {@code container} together with a bootstrap address is a
 * contradiction and fails, naming both properties. Works from a plain {@code main()}; the caller
 * closes the returned cluster.
 */
public final class KafkaClusters {

    /** System property with the bootstrap address of an external cluster. */
    public static final String BOOTSTRAP_SERVERS_PROPERTY = "kafka.bridge.bootstrap.servers";

    /** System property choosing the kind of cluster: embedded, container or external. */
    public static final String CLUSTER_PROPERTY = "kafka.bridge.cluster";

    /** Prefix of system properties that become client properties of an external cluster. */
    public static final String CLIENT_PROPERTY_PREFIX = "kafka.bridge.client.";

    /** System property with the Docker image for a container cluster. */
    public static final String CONTAINER_IMAGE_PROPERTY = "kafka.bridge.container.image";

    /** The Docker image used for a container cluster unless {@link #CONTAINER_IMAGE_PROPERTY}. */
    public static final String DEFAULT_CONTAINER_IMAGE = "apache/kafka:4.1.0";

    /**
     * How long an external cluster may take to answer before {@code fromSystemProperties} fails.
     */
    static final Duration EXTERNAL_REACH_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClusters.class);

    private KafkaClusters() {}

    /**
     * The cluster the system properties ask for, started or connected; an embedded cluster gets the
     * default settings.
     *
     * @throws IllegalArgumentException if the system properties are contradictory or malformed
     * @throws IllegalStateException if the cluster cannot be started or reached
     */
    public static KafkaCluster fromSystemProperties() {
        return fromSystemProperties(Map.of());
    }

    /**
     * The cluster the system properties ask for, started or connected.
     *
     * @param brokerPropertiesForEmbedded broker overrides applied when the embedded cluster is
     *     chosen, as with {@link EmbeddedKafkaCluster.Builder#brokerProperty}; logged and ignored
     *     for a container or an external cluster
     * @throws IllegalArgumentException if the system properties are contradictory or malformed, or
     *     a broker property cannot be overridden
     * @throws IllegalStateException if the cluster cannot be started or reached
     */
    public static KafkaCluster fromSystemProperties(
            Map<String, String> brokerPropertiesForEmbedded) {
        return fromSystemProperties(brokerPropertiesForEmbedded, Map.of());
    }

    /**
     * The cluster the system properties ask for, started or connected.
     *
     * @param brokerPropertiesForEmbedded broker overrides applied when the embedded cluster is
     *     chosen, as with {@link EmbeddedKafkaCluster.Builder#brokerProperty}; logged and ignored
     *     for a container or an external cluster
     * @param featureLevelsForEmbedded finalized feature levels the embedded cluster is formatted
     *     with, as with {@link EmbeddedKafkaCluster.Builder#feature}; logged and ignored for a
     *     container or an external cluster, which keeps its own (see {@link
     *     KafkaCluster#finalizedFeatureLevel})
     * @throws IllegalArgumentException if the system properties are contradictory or malformed, a
     *     broker property cannot be overridden, or a feature level is out of range
     * @throws IllegalStateException if the cluster cannot be started or reached
     */
    public static KafkaCluster fromSystemProperties(
            Map<String, String> brokerPropertiesForEmbedded,
            Map<String, Integer> featureLevelsForEmbedded) {
        return fromProperties(
                ClusterSelection.systemProperties(),
                brokerPropertiesForEmbedded,
                featureLevelsForEmbedded,
                EXTERNAL_REACH_TIMEOUT);
    }

    /** Same as {@link #fromSystemProperties(Map)}, reading {@code properties} instead. */
    static KafkaCluster fromProperties(
            Map<String, String> properties, Map<String, String> brokerPropertiesForEmbedded) {
        return fromProperties(
                properties, brokerPropertiesForEmbedded, Map.of(), EXTERNAL_REACH_TIMEOUT);
    }

    /** For tests: also takes feature levels and how long an external cluster may take to answer. */
    static KafkaCluster fromProperties(
            Map<String, String> properties,
            Map<String, String> brokerPropertiesForEmbedded,
            Map<String, Integer> featureLevelsForEmbedded,
            Duration externalReachTimeout) {
        Objects.requireNonNull(brokerPropertiesForEmbedded, "broker properties must not be null");
        Objects.requireNonNull(featureLevelsForEmbedded, "feature levels must not be null");
        Map<String, String> brokerProperties = new LinkedHashMap<>(brokerPropertiesForEmbedded);
        brokerProperties.forEach(BrokerConfigs::checkOverride);
        Map<String, Integer> featureLevels = new TreeMap<>(featureLevelsForEmbedded);
        featureLevels.forEach(FeatureLevels::check);
        ClusterSpec spec = ClusterSelection.select(properties);
        Map<String, String> clientProperties = ClusterSelection.clientProperties(properties);
        if (!(spec instanceof ClusterSpec.External) && !clientProperties.isEmpty()) {
            LOG.warn(
                    "Ignoring client properties {} (from -D{}*): they apply only to an external"
                            + " cluster, and this run uses {}",
                    clientProperties.keySet(),
                    CLIENT_PROPERTY_PREFIX,
                    spec);
        }
        if (!(spec instanceof ClusterSpec.Embedded) && !brokerProperties.isEmpty()) {
            LOG.warn(
                    "Ignoring broker properties {}: they apply only to the embedded cluster, and"
                            + " this run uses {}",
                    new TreeSet<>(brokerProperties.keySet()),
                    spec);
        }
        if (!(spec instanceof ClusterSpec.Embedded) && !featureLevels.isEmpty()) {
            LOG.warn(
                    "Ignoring feature levels {}: they apply only to the embedded cluster, and this"
                            + " run uses {}, which keeps its own (see"
                            + " KafkaCluster.finalizedFeatureLevel)",
                    featureLevels,
                    spec);
        }
        if (spec instanceof ClusterSpec.External external) {
            return ExternalKafkaCluster.connect(
                    external.bootstrapServers(), external.clientProperties(), externalReachTimeout);
        }
        if (spec instanceof ClusterSpec.Container container) {
            return TestcontainersSupport.startContainer(container.image());
        }
        EmbeddedKafkaCluster.Builder builder =
                EmbeddedKafkaCluster.builder().brokerProperties(brokerProperties);
        featureLevels.forEach(builder::feature);
        return builder.start();
    }
}
