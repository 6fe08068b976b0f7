package io.github.flinkkafkabridge.examples.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class CoreSnippetsTest {

    private static final Order ORDER = new Order("o-1", "ada", 12.5);

    @Test
    void theSourceExampleReadsTheTopicContinuouslyAsTheGroupWordCount() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        DataStream<String> lines = CoreSnippets.lines(env, "localhost:9092", "lines");

        assertThat(lines.getType()).isEqualTo(Types.STRING);
        assertThat(lines.getTransformation()).isInstanceOf(SourceTransformation.class);
        KafkaBridgeSource<?> source =
                (KafkaBridgeSource<?>)
                        ((SourceTransformation<?, ?, ?>) lines.getTransformation()).getSource();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.getConsumerProperties().getProperty("group.id")).isEqualTo("word-count");
        assertThat(source.getConsumerProperties().getProperty("bootstrap.servers"))
                .isEqualTo("localhost:9092");
    }

    @Test
    void theSerializerExampleWritesTheIdAsKeyAndTheCsvLineAsValue() throws Exception {
        ProducerRecord<byte[], byte[]> record =
                CoreSnippets.orderSerializer().serialize(ORDER, () -> 1_000L);

        assertThat(record.topic()).isEqualTo("orders");
        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).isEqualTo(1_000L);
        assertThat(new String(record.key(), UTF_8)).isEqualTo("o-1");
        assertThat(new String(record.value(), UTF_8)).isEqualTo("o-1,ada,12.5");
    }

    @Test
    void theRecordExampleKeysTheOrderByIdWithASourceHeader() {
        KafkaRecord<String, Order> record = CoreSnippets.webOrder(ORDER);

        assertThat(record.key()).isEqualTo("o-1");
        assertThat(record.value()).isEqualTo(ORDER);
        assertThat(new String(record.lastHeader("source"), UTF_8)).isEqualTo("web");
    }
}
