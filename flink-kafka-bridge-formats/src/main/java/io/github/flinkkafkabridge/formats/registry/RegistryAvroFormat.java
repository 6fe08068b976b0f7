package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.serde.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * Avro keys and values in the Schema Registry wire format. Reading takes the writer schema from the
 * registry by the id in each payload and resolves it to the reader schema; writing registers or
 * looks up the element's schema under the subject of {@link
 * SchemaRegistryConfig#subjectNameStrategy()} (for a key, the key subject: {@code <topic>-key} with
 * {@link SubjectNameStrategy#TOPIC}), with the schema's full name as record name.
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
 * tombstone becomes no element. {@link #serializer(String)} writes values without key; a generic
 * record is written with its own schema. Immutable, serializable and thread-safe.
 *
 * @param <T> the key or value type
 */
public final class RegistryAvroFormat<T> extends RegistryFormat<T> {

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

    @Override
    public TypeInformation<T> typeInformation() {
        return avro.typeInformation();
    }

    @Override
    RegistryReader<T> newReader() {
        return new Reader<>(avro, config);
    }

    @Override
    RegistryWriter<T> newWriter() {
        return new Writer<>(avro, generic, config);
    }

    @Override
    public String toString() {
        return "RegistryAvroFormat{" + avro + "}";
    }

    /** Reads keys or values; keeps the parsed writer schemas by id. */
    private static final class Reader<T> extends RegistryReader<T> {
        private static final long serialVersionUID = 1L;
        private final AvroFormat<T> avro;
        @Nullable private transient Map<Integer, Schema> writerSchemas;

        Reader(AvroFormat<T> avro, SchemaRegistryConfig config) {
            super(config);
            this.avro = avro;
        }

        @Override
        T read(String topic, byte[] bytes) throws IOException {
            WireFormat.Framed framed = WireFormat.parse(bytes);
            Map<Integer, Schema> schemas = writerSchemas;
            if (schemas == null) {
                schemas = new LruCache<>(config().cacheCapacity());
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
        TypeInformation<T> producedType() {
            return avro.typeInformation();
        }

        @Override
        public String toString() {
            return "RegistryAvroFormat{" + avro + "}";
        }
    }

    /** Writes keys or values; keeps a datum writer per schema of generic records. */
    private static final class Writer<T> extends RegistryWriter<T> {
        private static final long serialVersionUID = 1L;
        private final AvroFormat<T> avro;
        private final boolean generic;
        @Nullable private transient Map<Schema, DatumWriter<Object>> writers;

        Writer(AvroFormat<T> avro, boolean generic, SchemaRegistryConfig config) {
            super(config);
            this.avro = avro;
            this.generic = generic;
        }

        @Override
        byte[] write(String topic, boolean isKey, T element) throws IOException {
            Schema schema =
                    generic && element instanceof GenericContainer
                            ? ((GenericContainer) element).getSchema()
                            : avro.readerSchema();
            int id =
                    schemaId(
                            topic,
                            isKey,
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
            return "RegistryAvroFormat{" + avro + "}";
        }
    }
}
