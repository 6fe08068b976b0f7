package io.github.flinkkafkabridge.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Flink (de)serialization schemas shared by the contenders, so each runs the same user code. */
final class Schemas {

    private Schemas() {}

    /** Value bytes as they are. */
    static final class Bytes implements DeserializationSchema<byte[]>, SerializationSchema<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] deserialize(byte[] message) {
            return message;
        }

        @Override
        public boolean isEndOfStream(byte[] nextElement) {
            return false;
        }

        @Override
        public byte[] serialize(byte[] element) {
            return element;
        }

        @Override
        public TypeInformation<byte[]> getProducedType() {
            return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
    }

    /** JSON to {@link BenchEvent} with Jackson; one reader per task. */
    static final class Json implements DeserializationSchema<BenchEvent> {
        private static final long serialVersionUID = 1L;
        private transient ObjectReader reader;

        @Override
        public void open(InitializationContext context) {
            reader = reader();
        }

        static ObjectReader reader() {
            return new ObjectMapper()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readerFor(BenchEvent.class);
        }

        @Override
        public BenchEvent deserialize(byte[] message) throws IOException {
            if (reader == null) {
                reader = reader();
            }
            return reader.readValue(message);
        }

        @Override
        public boolean isEndOfStream(BenchEvent nextElement) {
            return false;
        }

        @Override
        public TypeInformation<BenchEvent> getProducedType() {
            return Types.POJO(BenchEvent.class);
        }
    }

    /** UTF-8 text, for the raw consumer (the connectors use their own string deserializers). */
    static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
