package io.github.flinkkafkabridge.sink;

import io.github.flinkkafkabridge.sink.testing.EmbeddedKafkaResource;
import io.github.flinkkafkabridge.sink.testing.KafkaSinkExternalContext;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Flink's own sink test suite (basic write, savepoint restart at the same, higher and lower
 * parallelism, metrics) for AT_LEAST_ONCE and EXACTLY_ONCE, against the in-process broker.
 */
class KafkaBridgeSinkTestSuiteIT extends SinkTestSuiteBase<String> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem EmbeddedKafkaResource kafka = new EmbeddedKafkaResource();

    @TestSemantics
    CheckpointingMode[] semantics =
            new CheckpointingMode[] {
                CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
            };

    @TestContext
    ExternalContextFactory<KafkaSinkExternalContext> context =
            testName -> new KafkaSinkExternalContext(kafka::cluster, testName);
}
