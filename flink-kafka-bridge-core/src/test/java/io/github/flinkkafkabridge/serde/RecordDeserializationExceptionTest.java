package io.github.flinkkafkabridge.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDeserializationExceptionTest {

    @Test
    void messageNamesTopicPartitionOffsetSizesAndCause() {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "orders", 3, 42L, "key".getBytes(StandardCharsets.UTF_8), new byte[10]);
        IOException cause = new IOException("bad magic byte");

        RecordDeserializationException e = new RecordDeserializationException(record, cause);

        assertThat(e.getMessage())
                .startsWith("Failed to deserialize record from orders-3 at offset 42")
                .contains("key 3 bytes")
                .contains("value 10 bytes")
                .contains("timestamp " + ConsumerRecord.NO_TIMESTAMP)
                .endsWith(": java.io.IOException: bad magic byte");
        assertThat(e).hasCause(cause).isInstanceOf(IOException.class);
        assertThat(e.topic()).isEqualTo("orders");
        assertThat(e.partition()).isEqualTo(3);
        assertThat(e.offset()).isEqualTo(42L);
    }

    @Test
    void nullKeyAndValueAndNoCause() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 7L, null, null);

        RecordDeserializationException e = new RecordDeserializationException(record, null);

        assertThat(e.getMessage())
                .isEqualTo(
                        "Failed to deserialize record from t-0 at offset 7 (key null, value null,"
                                + " timestamp -1)");
        assertThat(e.getCause()).isNull();
    }
}
