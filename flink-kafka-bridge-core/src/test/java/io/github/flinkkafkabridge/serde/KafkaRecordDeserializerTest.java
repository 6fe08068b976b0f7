package io.github.flinkkafkabridge.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaRecordDeserializerTest {

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("t", 0, 0L, new byte[] {1}, value);
    }

    private static <T> List<T> deserialize(
            KafkaRecordDeserializer<T> deserializer, ConsumerRecord<byte[], byte[]> record)
            throws IOException {
        List<T> out = new ArrayList<>();
        deserializer.deserialize(record, new ListCollector<>(out));
        return out;
    }

    @Test
    void utf8ValuesDecodesValueAndIgnoresKey() throws Exception {
        KafkaRecordDeserializer<String> d = KafkaRecordDeserializer.utf8Values();

        assertThat(deserialize(d, record("grüße €".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("grüße €");
        assertThat(deserialize(d, record(new byte[0]))).containsExactly("");
        assertThat(d.getProducedType()).isEqualTo(Types.STRING);
    }

    @Test
    void utf8ValuesDropsTombstones() throws Exception {
        assertThat(deserialize(KafkaRecordDeserializer.utf8Values(), record(null))).isEmpty();
    }

    @Test
    void byteValuesPassesValueUnchangedAndDropsTombstones() throws Exception {
        KafkaRecordDeserializer<byte[]> d = KafkaRecordDeserializer.byteValues();
        byte[] value = {0, -1, 127};

        assertThat(deserialize(d, record(value))).containsExactly(value);
        assertThat(deserialize(d, record(null))).isEmpty();
        assertThat(d.getProducedType())
                .isEqualTo(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    @Test
    void builtInsAreSerializable() throws Exception {
        KafkaRecordDeserializer<String> copy =
                InstantiationUtil.clone(KafkaRecordDeserializer.utf8Values());
        assertThat(deserialize(copy, record("x".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("x");
        assertThat(InstantiationUtil.clone(KafkaRecordDeserializer.byteValues())).isNotNull();
        KafkaRecordDeserializer<String> valueOnly =
                InstantiationUtil.clone(
                        KafkaRecordDeserializer.valueOnly(new SimpleStringSchema()));
        assertThat(deserialize(valueOnly, record("y".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("y");
    }

    @Test
    void valueOnlyDelegatesToTheSchema() throws Exception {
        RecordingSchema schema = new RecordingSchema();
        KafkaRecordDeserializer<String> d = KafkaRecordDeserializer.valueOnly(schema);

        assertThat(deserialize(d, record("v".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("decoded:v");
        assertThat(d.getProducedType()).isEqualTo(Types.STRING);
    }

    @Test
    void valueOnlyPassesTombstonesToTheSchemaWhichMayDropThem() throws Exception {
        RecordingSchema schema = new RecordingSchema();
        KafkaRecordDeserializer<String> d = KafkaRecordDeserializer.valueOnly(schema);

        assertThat(deserialize(d, record(null))).isEmpty();
        assertThat(schema.sawNull).isTrue();
    }

    @Test
    void valueOnlyOpenDelegatesToTheSchema() throws Exception {
        RecordingSchema schema = new RecordingSchema();
        KafkaRecordDeserializer<String> d = KafkaRecordDeserializer.valueOnly(schema);
        DeserializationSchema.InitializationContext context = new TestInitContext();

        d.open(context);

        assertThat(schema.openedWith).isSameAs(context);
    }

    @Test
    void valueOnlyPropagatesSchemaFailures() {
        KafkaRecordDeserializer<String> d =
                KafkaRecordDeserializer.valueOnly(
                        new RecordingSchema() {
                            @Override
                            public String deserialize(byte[] message) throws IOException {
                                throw new IOException("corrupt");
                            }
                        });

        assertThatThrownBy(() -> deserialize(d, record(new byte[] {1})))
                .isInstanceOf(IOException.class)
                .hasMessage("corrupt");
    }

    @Test
    void valueOnlyRejectsNullSchema() {
        assertThatThrownBy(
                        () ->
                                KafkaRecordDeserializer.valueOnly(
                                        (DeserializationSchema<String>) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("schema");
    }

    @Test
    void defaultOpenDoesNothing() throws Exception {
        KafkaRecordDeserializer.utf8Values().open(new TestInitContext());
    }

    private static class RecordingSchema implements DeserializationSchema<String> {
        private static final long serialVersionUID = 1L;
        transient InitializationContext openedWith;
        transient boolean sawNull;

        @Override
        public void open(InitializationContext context) {
            openedWith = context;
        }

        @Override
        public String deserialize(byte[] message) throws IOException {
            if (message == null) {
                sawNull = true;
                return null;
            }
            return "decoded:" + new String(message, StandardCharsets.UTF_8);
        }

        @Override
        public boolean isEndOfStream(String nextElement) {
            return false;
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static final class TestInitContext
            implements DeserializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return null;
        }
    }
}
