package io.github.flinkkafkabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaBridgeSinkBuilderTest {

    private static KafkaBridgeSinkBuilder<String> valid() {
        return KafkaBridgeSink.<String>builder()
                .setBootstrapServers("localhost:9092")
                .setRecordSerializer(KafkaRecordSerializer.utf8String("out"));
    }

    @Test
    void defaultsToAtLeastOnce() {
        assertThat(valid().build().getDeliveryGuarantee())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void missingOptionsAreAllNamedWithTheirSetters() {
        assertThatThrownBy(() -> KafkaBridgeSink.<String>builder().build())
                .isInstanceOf(KafkaBridgeConfigException.class)
                .hasMessageContaining("bootstrapServers (setBootstrapServers)")
                .hasMessageContaining("recordSerializer (setRecordSerializer")
                .satisfies(e -> assertThat(((KafkaBridgeConfigException) e).problems()).hasSize(2));
    }

    @Test
    void exactlyOnceNeedsATransactionalIdPrefix() {
        assertThatThrownBy(
                        () -> valid().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).build())
                .isInstanceOf(KafkaBridgeConfigException.class)
                .hasMessageContaining("transactionalIdPrefix (setTransactionalIdPrefix)")
                .hasMessageContaining("EXACTLY_ONCE");
        assertThat(
                        valid().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                .setTransactionalIdPrefix("job-a")
                                .build()
                                .getDeliveryGuarantee())
                .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void recordSerializerConflictsWithTheShortcutsNamingBoth() {
        assertThatThrownBy(
                        () ->
                                valid().setTopic("other")
                                        .setValueSerializer(new SimpleStringSchema())
                                        .build())
                .isInstanceOf(KafkaBridgeConfigException.class)
                .hasMessageContaining("setRecordSerializer")
                .hasMessageContaining("setTopic")
                .hasMessageContaining("setValueSerializer");
    }

    @Test
    void shortcutNeedsExactlyOneTopicOptionAndAValueSerializer() {
        assertThatThrownBy(
                        () ->
                                KafkaBridgeSink.<String>builder()
                                        .setBootstrapServers("b:1")
                                        .setTopic("a")
                                        .setTopicSelector(s -> "b")
                                        .build())
                .hasMessageContaining("topic (setTopic) and topicSelector (setTopicSelector)")
                .hasMessageContaining("valueSerializer (setValueSerializer)");
        assertThatThrownBy(
                        () ->
                                KafkaBridgeSink.<String>builder()
                                        .setBootstrapServers("b:1")
                                        .setValueSerializer(new SimpleStringSchema())
                                        .build())
                .hasMessageContaining("topic (setTopic or setTopicSelector)");
        assertThat(
                        KafkaBridgeSink.<String>builder()
                                .setBootstrapServers("b:1")
                                .setTopicSelector(s -> s.startsWith("a") ? "as" : "others")
                                .setValueSerializer(new SimpleStringSchema())
                                .setKeySerializer(new SimpleStringSchema())
                                .build())
                .isNotNull();
    }

    @Test
    void deadLetteringConflictsWithExactlyOnce() {
        assertThatThrownBy(
                        () ->
                                valid().setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                        .setTransactionalIdPrefix("p")
                                        .setSendErrorPolicy(SendErrorPolicy.deadLetter("dlq"))
                                        .build())
                .hasMessageContaining("setSendErrorPolicy")
                .hasMessageContaining("setDeliveryGuarantee")
                .hasMessageContaining("DEAD_LETTER(dlq)");
    }

    @Test
    void atLeastOnceRejectsAcksZero() {
        assertThatThrownBy(() -> valid().setProperty("acks", "0").build())
                .hasMessageContaining("acks=0")
                .hasMessageContaining("AT_LEAST_ONCE");
        assertThat(
                        valid().setProperty("acks", "0")
                                .setDeliveryGuarantee(DeliveryGuarantee.NONE)
                                .build())
                .isNotNull();
    }

    @Test
    void conflictingBootstrapServersAreNamed() {
        assertThatThrownBy(() -> valid().setProperty("bootstrap.servers", "other:9092").build())
                .hasMessageContaining("setBootstrapServers(\"localhost:9092\")")
                .hasMessageContaining("other:9092");
        assertThat(
                        KafkaBridgeSink.<String>builder()
                                .setProperty("bootstrap.servers", "only:9092")
                                .setRecordSerializer(KafkaRecordSerializer.utf8String("t"))
                                .build())
                .isNotNull();
    }

    @Test
    void badTimeoutPropertiesAreNamed() {
        assertThatThrownBy(
                        () ->
                                valid().setProperty("max.block.ms", "soon")
                                        .setProperty("transaction.timeout.ms", "-1")
                                        .build())
                .hasMessageContaining("max.block.ms=soon")
                .hasMessageContaining("transaction.timeout.ms=-1");
    }

    @Test
    void badMemoryPropertiesAreNamed() {
        assertThatThrownBy(
                        () ->
                                valid().setProperty("buffer.memory", "8M")
                                        .setProperty("max.request.size", "0")
                                        .build())
                .hasMessageContaining("buffer.memory=8M (setProperty) is not a number of bytes")
                .hasMessageContaining("max.request.size=0 (setProperty) must be positive");
    }

    @Test
    void nonSerializableCallbacksAreRejectedAtBuild() {
        Object notSerializable = new Object();
        KafkaBridgePartitioner<String> partitioner =
                new KafkaBridgePartitioner<>() {
                    private final Object state = notSerializable;

                    @Override
                    public int partition(
                            String e, byte[] k, byte[] v, String topic, int[] partitions) {
                        return state.hashCode() % partitions.length;
                    }
                };
        assertThatThrownBy(() -> valid().setPartitioner(partitioner).build())
                .hasMessageContaining("partitioner (setPartitioner) is not serializable");
    }

    @Test
    void settersCheckTheirArgumentAtOnce() {
        assertThatThrownBy(() -> KafkaBridgeSink.<String>builder().setBootstrapServers(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> KafkaBridgeSink.<String>builder().setTopic("a/b"))
                .hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> KafkaBridgeSink.<String>builder().setTransactionalIdPoolSize(1))
                .hasMessageContaining("transactionalIdPoolSize");
        assertThatThrownBy(() -> KafkaBridgeSink.<String>builder().setTransactionalIdPrefix(""))
                .hasMessageContaining("transactionalIdPrefix");
    }

    @Test
    void buildCanBeCalledTwiceAndCopiesProperties() {
        Properties props = new Properties();
        props.setProperty("linger.ms", "5");
        KafkaBridgeSinkBuilder<String> builder = valid().setProperties(props);
        KafkaBridgeSink<String> first = builder.build();
        props.setProperty("linger.ms", "500");
        builder.setProperty("compression.type", "lz4");
        KafkaBridgeSink<String> second = builder.build();

        assertThat(first.toString()).contains("linger.ms=5").doesNotContain("lz4");
        assertThat(second.toString()).contains("linger.ms=5").contains("compression.type=lz4");
    }

    @Test
    void secretsDoNotReachToString() {
        KafkaBridgeSink<String> sink =
                valid().setProperty("sasl.jaas.config", "user=\"u\" password=\"p4ss\"").build();
        assertThat(sink.toString()).doesNotContain("p4ss").contains("sasl.jaas.config");
    }
}
