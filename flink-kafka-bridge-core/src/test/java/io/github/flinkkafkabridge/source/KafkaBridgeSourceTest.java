package io.github.flinkkafkabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.enumerator.KafkaEnumeratorState;
import io.github.flinkkafkabridge.source.enumerator.KafkaEnumeratorStateSerializer;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitSerializer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The source's factory methods; no cluster is contacted before a split or a discovery. */
class KafkaBridgeSourceTest {

    /** Records the context of {@link #open}; static because the source keeps its own copy. */
    static final AtomicReference<DeserializationSchema.InitializationContext> OPENED =
            new AtomicReference<>();

    private static KafkaBridgeSource<String> source() {
        return KafkaBridgeSource.<String>builder()
                .setBootstrapServers("localhost:1")
                .setTopics("orders")
                .setDeserializer(new OpenRecording())
                .build();
    }

    @Test
    void createReaderOpensTheDeserializerWithTheReaderContext() throws Exception {
        OPENED.set(null);
        TestingReaderContext context = new TestingReaderContext();

        try (SourceReader<String, KafkaPartitionSplit> reader = source().createReader(context)) {
            assertThat(reader).isNotNull();
        }

        assertThat(OPENED.get()).isNotNull();
        assertThat(OPENED.get().getUserCodeClassLoader().asClassLoader())
                .isSameAs(context.getUserCodeClassLoader().asClassLoader());
        assertThat(OPENED.get().getMetricGroup()).isNotNull();
    }

    @Test
    void enumeratorStartsFromTheGivenState() throws Exception {
        KafkaEnumeratorState state =
                new KafkaEnumeratorState(
                        Set.of(new TopicPartition("orders", 0)),
                        List.of(new KafkaPartitionSplit(new TopicPartition("orders", 1), 4, 9)),
                        true);
        TestingSplitEnumeratorContext<KafkaPartitionSplit> context =
                new TestingSplitEnumeratorContext<>(2);

        try (SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> fresh =
                        source().createEnumerator(context);
                SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> restored =
                        source().restoreEnumerator(context, state)) {
            assertThat(fresh.snapshotState(1)).isEqualTo(KafkaEnumeratorState.initial());
            assertThat(restored.snapshotState(1)).isEqualTo(state);
        }
    }

    @Test
    void serializers() {
        assertThat(source().getSplitSerializer()).isInstanceOf(KafkaPartitionSplitSerializer.class);
        assertThat(source().getEnumeratorCheckpointSerializer())
                .isInstanceOf(KafkaEnumeratorStateSerializer.class);
        assertThat(source().getProducedType()).isEqualTo(Types.STRING);
    }

    private static final class OpenRecording implements KafkaRecordDeserializer<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            OPENED.set(context);
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {}

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
