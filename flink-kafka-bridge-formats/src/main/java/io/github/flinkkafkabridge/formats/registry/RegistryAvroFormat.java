package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Avro values in the Schema Registry wire format. Reading takes the writer schema from the registry
 * by the id in each value and resolves it to the reader schema; writing registers or looks up the
 * value's schema under the subject of {@link SchemaRegistryConfig#subjectNameStrategy()}.
 * <!-- snippet: registry-avro-format -->
 *
 * <pre>{@code
 * RegistryAvroFormat<Order> orders = RegistryAvroFormat.specific(Order.class, registry);
 * }</pre>
 *
 * <p>Its {@link #deserializer()} goes to the source builder's {@code setDeserializer}, its {@link
 * #serializer(String)} to the sink builder's {@code setRecordSerializer}.
 *
 * <p>Deserializers fail with a {@link FormatException} for bytes not in the wire format, unknown
 * schema ids, schemas that are not Avro or do not resolve to the reader schema, and bad Avro; with
 * a {@link SchemaRegistryException} when the registry is unreachable or fails otherwise. A
 * tombstone becomes no element. Serializers write values without key; a generic record is written
 * with its own schema. Immutable, serializable and thread-safe.
 *
 * @param <T> the value type
 */
public final class RegistryAvroFormat<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AvroFormat<T> avro;
    private final boolean generic;
    private final SchemaRegistryConfig config;

    private RegistryAvroFormat(AvroFormat<T> avro, boolean generic, SchemaRegistryConfig config) {
        this.avro = avro;
        this.generic = generic;
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Generic records, read as {@code readerSchema} whatever schema they were written with. */
    public static RegistryAvroFormat<GenericRecord> generic(
            Schema readerSchema, SchemaRegistryConfig config) {
        return new RegistryAvroFormat<>(AvroFormat.generic(readerSchema), true, config);
    }

    /** Generated (specific) records of {@code type}. */
    public static <T extends SpecificRecord> RegistryAvroFormat<T> specific(
            Class<T> type, SchemaRegistryConfig config) {
        return new RegistryAvroFormat<>(AvroFormat.specific(type), false, config);
    }

    /** Plain Java classes through Avro reflection. */
    public static <T> RegistryAvroFormat<T> reflect(Class<T> type, SchemaRegistryConfig config) {
        return new RegistryAvroFormat<>(AvroFormat.reflect(type), false, config);
    }

    /** Record values in this format. */
    public KafkaRecordDeserializer<T> deserializer() {
        return new Deserializer<>(avro, config);
    }

    /** Elements as record values in this format, to {@code topic}, without key. */
    public KafkaRecordSerializer<T> serializer(String topic) {
        return new Serializer<>(topic, avro, generic, config);
    }

    private static final class Deserializer<T> extends RegistryDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final AvroFormat<T> avro;
        @Nullable private transient Map<Integer, Schema> writerSchemas;

        Deserializer(AvroFormat<T> avro, SchemaRegistryConfig config) {
            super(config);
            this.avro = avro;
        }

        @Override
        T read(byte[] bytes) throws IOException {
            WireFormat.Framed framed = WireFormat.parse(bytes);
            Map<Integer, Schema> schemas = writerSchemas;
            if (schemas == null) {
                schemas = new HashMap<>();
                writerSchemas = schemas;
            }
            Schema writer = schemas.get(framed.schemaId());
            if (writer == null) {
                RegistrySchema schema = schema(framed.schemaId(), SchemaType.AVRO);
                try {
                    writer = new Schema.Parser().parse(schema.text());
                } catch (SchemaParseException e) {
                    throw new FormatException(
                            "Schema id " + framed.schemaId() + " is not valid Avro: " + e, e);
                }
                schemas.put(framed.schemaId(), writer);
            }
            try {
                return avro.read(bytes, framed.payloadOffset(), framed.payloadLength(), writer);
            } catch (FormatException e) {
                throw new FormatException(
                        "Schema id " + framed.schemaId() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public TypeInformation<T> getProducedType() {
            return avro.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryAvroFormat.deserializer(" + avro + ")";
        }
    }

    private static final class Serializer<T> extends RegistrySerializer<T> {
        private static final long serialVersionUID = 1L;
        private final AvroFormat<T> avro;
        private final boolean generic;
        @Nullable private transient Map<Schema, DatumWriter<Object>> writers;

        Serializer(String topic, AvroFormat<T> avro, boolean generic, SchemaRegistryConfig config) {
            super(topic, config);
            this.avro = avro;
            this.generic = generic;
        }

        @Override
        byte[] write(String topic, T element) throws IOException {
            Schema schema =
                    generic && element instanceof GenericContainer
                            ? ((GenericContainer) element).getSchema()
                            : avro.readerSchema();
            int id =
                    schemaId(
                            topic,
                            schema.getFullName(),
                            new RegistrySchema(SchemaType.AVRO, schema.toString()));
            byte[] payload;
            if (generic) {
                Map<Schema, DatumWriter<Object>> cache = writers;
                if (cache == null) {
                    cache = new IdentityHashMap<>();
                    writers = cache;
                }
                DatumWriter<Object> writer =
                        cache.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s));
                ByteArrayOutputStream out = new ByteArrayOutputStream(64);
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(element, encoder);
                encoder.flush();
                payload = out.toByteArray();
            } else {
                payload = avro.write(element);
            }
            return WireFormat.frame(id, payload);
        }

        @Override
        public String toString() {
            return "RegistryAvroFormat.serializer(" + avro + ")";
        }
    }
}
