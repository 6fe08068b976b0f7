package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.common.header.Headers;

/**
 * Internal: reads one key or value, for the key+value and adapter deserializers. Owned by one
 * deserializer, called from the source reader thread only.
 */
interface ValueDecoder<T> extends Serializable {

    void open(DeserializationSchema.InitializationContext context) throws Exception;

    /**
     * @param bytes never null: null keys and values are handled by the caller
     * @throws FormatException when the bytes are not valid
     */
    T decode(String topic, Headers headers, byte[] bytes) throws FormatException;

    TypeInformation<T> producedType();

    /** A Flink schema; anything it throws becomes a {@link FormatException}. */
    static <T> ValueDecoder<T> of(DeserializationSchema<T> schema) {
        return new SchemaDecoder<>(schema);
    }

    /** The bytes as they are. */
    static ValueDecoder<byte[]> identity() {
        return new IdentityDecoder();
    }

    /** See {@link #of(DeserializationSchema)}. */
    final class SchemaDecoder<T> implements ValueDecoder<T> {
        private static final long serialVersionUID = 1L;
        private final DeserializationSchema<T> schema;

        SchemaDecoder(DeserializationSchema<T> schema) {
            this.schema = java.util.Objects.requireNonNull(schema, "schema");
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            schema.open(context);
        }

        @Override
        public T decode(String topic, Headers headers, byte[] bytes) throws FormatException {
            try {
                return schema.deserialize(bytes);
            } catch (FormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new FormatException(
                        schema.getClass().getSimpleName()
                                + " could not read "
                                + bytes.length
                                + " bytes: "
                                + e,
                        e);
            }
        }

        @Override
        public TypeInformation<T> producedType() {
            return schema.getProducedType();
        }

        @Override
        public String toString() {
            return schema.toString();
        }
    }

    /** See {@link #identity()}. */
    final class IdentityDecoder implements ValueDecoder<byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {}

        @Override
        public byte[] decode(String topic, Headers headers, byte[] bytes) {
            return bytes;
        }

        @Override
        public TypeInformation<byte[]> producedType() {
            return org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                    .BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }

        @Override
        public String toString() {
            return "bytes";
        }
    }
}
