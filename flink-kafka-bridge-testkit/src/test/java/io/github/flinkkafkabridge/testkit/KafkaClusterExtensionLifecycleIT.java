package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs small sample test classes through the JUnit engine and checks what the extension did before
 * and after them: started a cluster, closed it after the last test, explained misuse.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KafkaClusterExtensionLifecycleIT {

    @Test
    void closesTheClusterAfterTheLastTestOfTheClass() {
        EngineExecutionResults results = run(StaticFieldSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        EmbeddedKafkaCluster cluster = (EmbeddedKafkaCluster) StaticFieldSample.seen.get();
        assertThat(cluster).isNotNull();
        Path directory = cluster.directory();
        assertThat(cluster.isClosed()).isTrue();
        assertThat(directory).doesNotExist();
        assertThat(StaticFieldSample.KAFKA.toString()).contains("not running");
    }

    @Test
    void perClassTestInstanceGetsTheClusterInItsConstructor() {
        EngineExecutionResults results = run(PerClassSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        EmbeddedKafkaCluster cluster = (EmbeddedKafkaCluster) PerClassSample.seen.get();
        assertThat(cluster).isNotNull();
        assertThat(cluster.isClosed()).isTrue();
    }

    @Test
    void instanceFieldRegistrationIsExplained() {
        run(InstanceFieldSample.class);

        assertThat(InstanceFieldSample.problem.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running")
                .hasMessageContaining("static field");
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void aBrokerThatCannotStartFailsTheClassNamingTheCause() {
        EngineExecutionResults results = run(BadBrokerPropertySample.class);

        Event failure =
                results.containerEvents().failed().stream()
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("the sample class did not fail"));
        Throwable error =
                failure.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .orElseThrow();
        assertThat(error)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Could not start the embedded Kafka broker")
                .hasMessageContaining("num.partitions");
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }

    @Test
    void aRequiredFeatureLevelFormatsTheEmbeddedCluster() {
        EngineExecutionResults results = run(FeatureSample.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(FeatureSample.level.get()).isZero();
    }

    @Test
    void aClusterWithOtherFeatureLevelsAbortsTheTestsUsingItNamingThem() {
        // An external cluster keeps its own levels: this one runs transaction.version 2.
        try (EmbeddedKafkaCluster external = EmbeddedKafkaCluster.start()) {
            EngineExecutionResults results;
            String previous =
                    System.setProperty(
                            KafkaClusters.BOOTSTRAP_SERVERS_PROPERTY, external.bootstrapServers());
            try {
                results = run(FeatureSample.class);
            } finally {
                if (previous == null) {
                    System.clearProperty(KafkaClusters.BOOTSTRAP_SERVERS_PROPERTY);
                } else {
                    System.setProperty(KafkaClusters.BOOTSTRAP_SERVERS_PROPERTY, previous);
                }
            }

            results.testEvents().assertStatistics(stats -> stats.started(1).aborted(1));
            Event aborted =
                    results.testEvents().aborted().stream()
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("the sample was not aborted"));
            Throwable reason =
                    aborted.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                            .orElseThrow();
            assertThat(reason)
                    .hasMessageContaining(external.bootstrapServers())
                    .hasMessageContaining("transaction.version: requested 0, finalized 2")
                    .hasMessageContaining("-Dkafka.bridge.cluster=embedded");
        }
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    /** Registered as a static field: one cluster for both tests, closed after them. */
    static class StaticFieldSample {
        @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

        static final AtomicReference<KafkaCluster> seen = new AtomicReference<>();

        @Test
        void first(KafkaCluster cluster) {
            seen.set(cluster);
            cluster.createTopic(KAFKA.uniqueTopic("first"), 1);
        }

        @Test
        void second(KafkaCluster cluster) {
            assertThat(cluster).isSameAs(KAFKA.cluster());
            cluster.createTopic(KAFKA.uniqueTopic("second"), 1);
        }
    }

    /** One test instance for the class: its constructor is resolved before beforeAll. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @ExtendWith(KafkaClusterExtension.class)
    static class PerClassSample {
        static final AtomicReference<KafkaCluster> seen = new AtomicReference<>();

        private final KafkaCluster cluster;

        PerClassSample(KafkaCluster cluster) {
            this.cluster = cluster;
        }

        @Test
        void usesTheClusterFromTheConstructor(KafkaCluster injected) {
            assertThat(injected).isSameAs(cluster);
            seen.set(cluster);
        }
    }

    /** An instance field gets no beforeAll call, so there is never a cluster. */
    static class InstanceFieldSample {
        static final AtomicReference<Throwable> problem = new AtomicReference<>();

        @RegisterExtension final KafkaClusterExtension kafka = new KafkaClusterExtension();

        @Test
        void triesToUseTheCluster() {
            try {
                kafka.cluster();
            } catch (IllegalStateException e) {
                problem.set(e);
            }
        }
    }

    /** Needs transaction protocol 1. */
    static class FeatureSample {
        @RegisterExtension
        static final KafkaClusterExtension KAFKA =
                new KafkaClusterExtension().withFeature(KafkaCluster.TRANSACTION_VERSION, 0);

        static final AtomicReference<Integer> level = new AtomicReference<>();

        @Test
        void seesTheLevel() {
            level.set(KAFKA.cluster().finalizedFeatureLevel(KafkaCluster.TRANSACTION_VERSION));
        }
    }

    /** A broker setting Kafka rejects: the class fails before any test runs. */
    static class BadBrokerPropertySample {
        @RegisterExtension
        static final KafkaClusterExtension KAFKA =
                new KafkaClusterExtension().withBrokerProperty("num.partitions", "zero");

        @Test
        void neverRuns() {}
    }
}
