package io.github.flinkkafkabridge.testkit.internal;

import io.github.flinkkafkabridge.testkit.KafkaCluster;

/**
 * The door to the optional Testcontainers dependency. It refers to no Testcontainers type itself,
 * so it loads without it; only {@link ContainerKafkaCluster}, reached after the check, does.
 */
public final class TestcontainersSupport {

    /** The class whose presence tells that {@code org.testcontainers:kafka} is available. */
    static final String KAFKA_CONTAINER_CLASS = "org.testcontainers.kafka.KafkaContainer";

    private TestcontainersSupport() {}

    /** Starts a Kafka container, after checking Testcontainers and Docker are available. */
    public static KafkaCluster startContainer(String image) {
        checkOnClasspath(TestcontainersSupport.class.getClassLoader());
        return ContainerKafkaCluster.start(image);
    }

    /**
     * Fails with a message saying which dependency to add if {@code org.testcontainers:kafka} is
     * not visible to {@code loader}.
     */
    static void checkOnClasspath(ClassLoader loader) {
        try {
            Class.forName(KAFKA_CONTAINER_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    "-Dkafka.bridge.cluster=container needs Testcontainers, but "
                            + KAFKA_CONTAINER_CLASS
                            + " is not on the classpath. It is an optional dependency of"
                            + " flink-kafka-bridge-testkit: add org.testcontainers:kafka (test"
                            + " scope) to your build, or use -Dkafka.bridge.cluster=embedded.",
                    e);
        }
    }
}
