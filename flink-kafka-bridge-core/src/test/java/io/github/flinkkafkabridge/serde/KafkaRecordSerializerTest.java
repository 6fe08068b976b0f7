package io.github.flinkkafkabridge.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaRecordSerializerTest {

    private static final KafkaRecordSerializer.Context AT_42 = () -> 42L;
    private static final KafkaRecordSerializer.Context NO_TIMESTAMP = () -> null;

    @Test
    void utf8StringWritesValueAsUtf8WithTimestampAndNoKey() throws Exception {
        ProducerRecord<byte[], byte[]> record =
                KafkaRecordSerializer.utf8String("greetings").serialize("grüße", AT_42);

        assertThat(record.topic()).isEqualTo("greetings");
        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo("grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(record.timestamp()).isEqualTo(42L);
        assertThat(record.partition()).isNull();
    }

    @Test
    void rawBytesWritesValueUnchanged() throws Exception {
        byte[] value = {0, 1, (byte) 0xff};
        ProducerRecord<byte[], byte[]> record =
                KafkaRecordSerializer.rawBytes("raw").serialize(value, NO_TIMESTAMP);

        assertThat(record.topic()).isEqualTo("raw");
        assertThat(record.value()).containsExactly(0, 1, 0xff);
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void builtInsNameTheirTopicAndPerElementSerializersNone() {
        assertThat(KafkaRecordSerializer.utf8String("greetings").topics())
                .containsExactly("greetings");
        assertThat(KafkaRecordSerializer.rawBytes("raw").topics()).containsExactly("raw");
        KafkaRecordSerializer<String> perElement =
                (element, context) -> new ProducerRecord<>(element, new byte[0]);
        assertThat(perElement.topics()).isEmpty();
    }

    @Test
    void builtInsRejectIllegalTopicNamesNamingTheValue() {
        assertThatThrownBy(() -> KafkaRecordSerializer.utf8String("bad topic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad topic'");
        assertThatThrownBy(() -> KafkaRecordSerializer.rawBytes(".."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'..'");
        assertThatThrownBy(() -> KafkaRecordSerializer.rawBytes("x".repeat(250)))
                .hasMessageContaining("249");
    }

    @Test
    void builtInsAreSerializable() throws Exception {
        KafkaRecordSerializer<String> copy = roundTrip(KafkaRecordSerializer.utf8String("t"));
        assertThat(copy.serialize("a", AT_42).value()).containsExactly('a');
        KafkaRecordSerializer<byte[]> bytes = roundTrip(KafkaRecordSerializer.rawBytes("t"));
        assertThat(bytes.serialize(new byte[] {7}, AT_42).value()).containsExactly(7);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
