package io.github.flinkkafkabridge.source;

import io.github.flinkkafkabridge.source.KafkaBridgeSourceExternalContext.SplitMode;
import io.github.flinkkafkabridge.testing.KafkaTestResource;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

/**
 * Flink's own source test suite (single and multiple splits, savepoint, scale up and down, metrics,
 * idle reader, TaskManager failure) on {@link KafkaBridgeSource}, with a real Kafka broker and
 * splits mapped to partitions of one topic and to one-partition topics.
 */
class KafkaBridgeSourceTestSuiteIT extends SourceTestSuiteBase<String> {

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem KafkaTestResource kafka = new KafkaTestResource();

    @TestContext
    ExternalContextFactory<KafkaBridgeSourceExternalContext> partitionsOfOneTopic =
            testName -> new KafkaBridgeSourceExternalContext(kafka::cluster, SplitMode.PARTITION);

    @TestContext
    ExternalContextFactory<KafkaBridgeSourceExternalContext> oneTopicPerSplit =
            testName -> new KafkaBridgeSourceExternalContext(kafka::cluster, SplitMode.TOPIC);

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE};
}
