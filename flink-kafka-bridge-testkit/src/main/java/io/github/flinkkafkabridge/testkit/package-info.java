/**
 * Public API: a real Kafka cluster for tests, examples and local runs.
 *
 * <ul>
 *   <li>{@link io.github.flinkkafkabridge.testkit.KafkaCluster}: what every cluster offers
 *       (bootstrap address, client properties, topic administration that waits until topics accept
 *       writes).
 *   <li>{@link io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster}: a KRaft broker in this
 *       JVM; no Docker, starts in about two seconds.
 *   <li>{@link io.github.flinkkafkabridge.testkit.KafkaClusters}: chooses embedded, Testcontainers
 *       or an external cluster from system properties.
 *   <li>{@link io.github.flinkkafkabridge.testkit.KafkaClusterExtension}: a JUnit 5 extension with
 *       one cluster per test class.
 *   <li>{@link io.github.flinkkafkabridge.testkit.KafkaTestRecords}: write and read records with
 *       plain kafka-clients.
 * </ul>
 *
 * <p>Everything except the JUnit extension works from a plain {@code main()}.
 */
@javax.annotation.ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.testkit;
