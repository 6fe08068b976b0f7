package io.github.flinkkafkabridge.examples.customschema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CustomSchemaJobIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    void writesAndReadsReadingsWithTheCustomSchema() throws Exception {
        String topic = KAFKA.createTopic("readings", 3);
        CustomSchemaJob.write(
                KAFKA.bootstrapServers(),
                topic,
                List.of(
                        new SensorReading("a", 20.5, 1_000L),
                        new SensorReading("a", 22.0, 2_000L),
                        new SensorReading("b", -3.0, 3_000L)));
        // Another producer writes in Fahrenheit: 212 F is 100 C.
        RecordHeaders headers = new RecordHeaders();
        headers.add("unit", "F".getBytes(StandardCharsets.UTF_8));
        KafkaTestRecords.produce(
                KAFKA.cluster(),
                List.of(
                        new ProducerRecord<>(
                                topic,
                                0,
                                4_000L,
                                "c".getBytes(StandardCharsets.UTF_8),
                                ByteBuffer.allocate(8).putDouble(212).array(),
                                headers)));

        assertThat(CustomSchemaJob.hottestPerSensor(KAFKA.bootstrapServers(), topic))
                .containsExactly(
                        new SensorReading("a", 22.0, 2_000L),
                        new SensorReading("b", -3.0, 3_000L),
                        new SensorReading("c", 100.0, 4_000L));
    }
}
