package io.github.flinkkafkabridge.testkit.internal;

import java.util.Map;
import java.util.Objects;

/** Which cluster to use, as chosen by {@link ClusterSelection}. Immutable values. */
public sealed interface ClusterSpec {

    /** The in-process KRaft cluster. */
    record Embedded() implements ClusterSpec {}

    /**
     * A cluster someone else runs.
     *
     * @param bootstrapServers the bootstrap address, as given
     * @param clientProperties extra client settings such as security; values may be secrets
     */
    record External(String bootstrapServers, Map<String, String> clientProperties)
            implements ClusterSpec {

        /** Copies the client properties into an unmodifiable map. */
        public External {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            clientProperties = Map.copyOf(clientProperties);
        }

        /** Names the client property keys only: their values may be passwords. */
        @Override
        public String toString() {
            return "External[bootstrapServers="
                    + bootstrapServers
                    + ", clientPropertyKeys="
                    + new java.util.TreeSet<>(clientProperties.keySet())
                    + "]";
        }
    }

    /**
     * A Kafka container started through Testcontainers.
     *
     * @param image the Docker image, such as {@code apache/kafka:4.1.0}
     */
    record Container(String image) implements ClusterSpec {

        /** Checks the image is not null. */
        public Container {
            Objects.requireNonNull(image, "image");
        }
    }
}
