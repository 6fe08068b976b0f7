package io.github.flinkkafkabridge.serde;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.common.header.Headers;

/**
 * Internal: writes one key or value, for the key+value and adapter serializers. Owned by one
 * serializer, called from the sink writer thread only.
 */
interface ValueEncoder<T> extends Serializable {

    void open(SerializationSchema.InitializationContext context) throws Exception;

    /**
     * @param headers the record's headers so far; a Kafka serializer may add some
     */
    @Nullable
    byte[] encode(String topic, Headers headers, T value);

    /** A Flink schema. */
    static <T> ValueEncoder<T> of(SerializationSchema<T> schema) {
        return new SchemaEncoder<>(schema);
    }

    /** The bytes as they are. */
    static ValueEncoder<byte[]> identity() {
        return new IdentityEncoder();
    }

    /** See {@link #of(SerializationSchema)}. */
    final class SchemaEncoder<T> implements ValueEncoder<T> {
        private static final long serialVersionUID = 1L;
        private final SerializationSchema<T> schema;

        SchemaEncoder(SerializationSchema<T> schema) {
            this.schema = java.util.Objects.requireNonNull(schema, "schema");
        }

        @Override
        public void open(SerializationSchema.InitializationContext context) throws Exception {
            schema.open(context);
        }

        @Override
        public byte[] encode(String topic, Headers headers, T value) {
            return schema.serialize(value);
        }

        @Override
        public String toString() {
            return schema.toString();
        }
    }

    /** See {@link #identity()}. */
    final class IdentityEncoder implements ValueEncoder<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(SerializationSchema.InitializationContext context) {}

        @Override
        public byte[] encode(String topic, Headers headers, byte[] value) {
            return value;
        }

        @Override
        public String toString() {
            return "bytes";
        }
    }
}
