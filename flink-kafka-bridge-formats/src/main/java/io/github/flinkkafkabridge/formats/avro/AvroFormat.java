package io.github.flinkkafkabridge.formats.avro;

import io.github.flinkkafkabridge.formats.BinaryFormat;
import io.github.flinkkafkabridge.formats.internal.ByteArrayAvroDecoder;
import io.github.flinkkafkabridge.formats.internal.BytesCodec;
import io.github.flinkkafkabridge.formats.internal.CodecTypeInfo;
import io.github.flinkkafkabridge.serde.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Avro binary values (no container file header) with a fixed writer and reader schema, as generic,
 * specific (generated) or reflect records.
 * <!-- snippet: avro-format -->
 *
 * <pre>{@code
 * AvroFormat<Order> orders = AvroFormat.specific(Order.class);
 * KafkaBridgeSource<Order> source =
 *         KafkaBridgeSource.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setTopics("orders")
 *                 .setDeserializer(orders.deserializer())
 *                 .build();
 * KafkaBridgeSink<Order> sink =
 *         KafkaBridgeSink.<Order>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setRecordSerializer(orders.serializer("orders-copy"))
 *                 .build();
 * }</pre>
 *
 * <p>The <em>reader schema</em> is the schema of the job's values: given for generic records, the
 * class's schema for specific and reflect records. The <em>writer schema</em> is the one the bytes
 * on the topic were written with; it defaults to the reader schema, and Avro's schema resolution
 * maps one to the other (added fields take their defaults, removed fields are skipped). The
 * serializer writes with the reader schema.
 *
 * <p>Bad bytes, a payload that does not match the writer schema (including left-over bytes) and
 * unresolvable schemas fail with a {@link FormatException}; lengths in the payload are checked
 * before anything is allocated. A null Kafka value (tombstone) becomes no element. Values travel
 * between Flink operators as Avro binary. Instances are immutable, serializable and thread-safe.
 *
 * @param <T> the value type
 */
public final class AvroFormat<T> extends BinaryFormat<T> {

    private static final long serialVersionUID = 1L;

    private enum Kind {
        GENERIC,
        SPECIFIC,
        REFLECT
    }

    private final Kind kind;
    private final Class<T> type;
    // Avro schemas travel as JSON text: Schema itself is not reliably serializable.
    @Nullable private final String readerSchemaJson;
    @Nullable private final String writerSchemaJson;

    @Nullable private transient Schema readerSchema;
    @Nullable private transient Schema writerSchema;
    @Nullable private transient DatumReader<T> datumReader;
    @Nullable private transient DatumWriter<T> datumWriter;
    @Nullable private transient Map<String, DatumReader<T>> readersByWriterSchema;
    @Nullable private transient GenericData data;

    private AvroFormat(
            Kind kind,
            Class<T> type,
            @Nullable Schema readerSchema,
            @Nullable Schema writerSchema) {
        this.kind = kind;
        this.type = type;
        this.readerSchemaJson = readerSchema == null ? null : readerSchema.toString();
        this.writerSchemaJson = writerSchema == null ? null : writerSchema.toString();
    }

    /** Generic records written and read with {@code schema}. */
    public static AvroFormat<GenericRecord> generic(Schema schema) {
        return generic(schema, schema);
    }

    /**
     * Generic records written with {@code writerSchema}, read as {@code readerSchema}.
     *
     * @throws IllegalArgumentException when Avro cannot resolve the writer schema to the reader's
     */
    public static AvroFormat<GenericRecord> generic(Schema writerSchema, Schema readerSchema) {
        Objects.requireNonNull(readerSchema, "readerSchema");
        Objects.requireNonNull(writerSchema, "writerSchema");
        return checked(
                new AvroFormat<>(Kind.GENERIC, GenericRecord.class, readerSchema, writerSchema));
    }

    /** Generated (specific) records of {@code type}, written with the class's schema. */
    public static <T extends SpecificRecord> AvroFormat<T> specific(Class<T> type) {
        return checked(new AvroFormat<>(Kind.SPECIFIC, Objects.requireNonNull(type), null, null));
    }

    /** Generated (specific) records of {@code type}, written with {@code writerSchema}. */
    public static <T extends SpecificRecord> AvroFormat<T> specific(
            Class<T> type, Schema writerSchema) {
        return checked(
                new AvroFormat<>(
                        Kind.SPECIFIC,
                        Objects.requireNonNull(type),
                        null,
                        Objects.requireNonNull(writerSchema, "writerSchema")));
    }

    /** Plain Java classes (and records) through Avro reflection, with the schema Avro derives. */
    public static <T> AvroFormat<T> reflect(Class<T> type) {
        return checked(new AvroFormat<>(Kind.REFLECT, Objects.requireNonNull(type), null, null));
    }

    /** Plain Java classes through Avro reflection, written with {@code writerSchema}. */
    public static <T> AvroFormat<T> reflect(Class<T> type, Schema writerSchema) {
        return checked(
                new AvroFormat<>(
                        Kind.REFLECT,
                        Objects.requireNonNull(type),
                        null,
                        Objects.requireNonNull(writerSchema, "writerSchema")));
    }

    private static <T> AvroFormat<T> checked(AvroFormat<T> format) {
        try {
            format.reader(format.writerSchema());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot read " + format.describe() + ": " + e.getMessage(), e);
        }
        return format;
    }

    /** The schema of the job's values. */
    public Schema readerSchema() {
        Schema schema = readerSchema;
        if (schema == null) {
            switch (kind) {
                case SPECIFIC:
                    schema = new SpecificData(type.getClassLoader()).getSchema(type);
                    break;
                case REFLECT:
                    schema = new ReflectData(type.getClassLoader()).getSchema(type);
                    break;
                default:
                    schema = new Schema.Parser().parse(readerSchemaJson);
            }
            readerSchema = schema;
        }
        return schema;
    }

    /** The schema the bytes on the topic are written with. */
    public Schema writerSchema() {
        Schema schema = writerSchema;
        if (schema == null) {
            schema =
                    writerSchemaJson == null
                            ? readerSchema()
                            : new Schema.Parser().parse(writerSchemaJson);
            writerSchema = schema;
        }
        return schema;
    }

    /** The class of the values: {@code GenericRecord} for generic records. */
    public Class<T> valueClass() {
        return type;
    }

    /** How values of this format travel between Flink operators: as Avro binary. */
    @Override
    public TypeInformation<T> typeInformation() {
        return new CodecTypeInfo<>(new Codec<>(this));
    }

    /**
     * Reads a whole payload written with the writer schema.
     *
     * @throws FormatException when the bytes are not one datum of the writer schema
     */
    @Override
    public T read(byte[] bytes) throws FormatException {
        return read(bytes, 0, bytes.length, null);
    }

    /**
     * Reads {@code length} bytes from {@code offset}, written with {@code writer} (null for the
     * writer schema), as the reader schema. Readers per writer schema are cached.
     *
     * @throws FormatException when the bytes are not one datum of the writer schema, or the schemas
     *     do not resolve
     */
    public T read(byte[] bytes, int offset, int length, @Nullable Schema writer)
            throws FormatException {
        DatumReader<T> r;
        try {
            r = reader(writer == null ? writerSchema() : writer);
        } catch (RuntimeException e) {
            throw new FormatException(
                    "Writer schema "
                            + (writer == null ? writerSchema() : writer).getFullName()
                            + " cannot be read as "
                            + readerSchema().getFullName()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        try {
            ByteArrayAvroDecoder decoder = new ByteArrayAvroDecoder(bytes, offset, length);
            T value = r.read(null, decoder);
            decoder.requireFullyRead();
            return value;
        } catch (IOException | RuntimeException e) {
            throw new FormatException(
                    "Invalid Avro "
                            + readerSchema().getFullName()
                            + " in "
                            + length
                            + " bytes: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Writes {@code value} with the reader schema. */
    @Override
    public byte[] write(T value) {
        DatumWriter<T> w = datumWriter;
        if (w == null) {
            w = newWriter();
            datumWriter = w;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            w.write(value, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + describe() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private DatumReader<T> reader(Schema writer) {
        if (writer == writerSchema() || writer.equals(writerSchema())) {
            DatumReader<T> r = datumReader;
            if (r == null) {
                r = newReader(writerSchema());
                datumReader = r;
            }
            return r;
        }
        Map<String, DatumReader<T>> cache = readersByWriterSchema;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            readersByWriterSchema = cache;
        }
        return cache.computeIfAbsent(writer.toString(), json -> newReader(writer));
    }

    /** The model that maps schemas to classes, trusting the classes of the reader schema. */
    private GenericData data() {
        GenericData d = data;
        if (d == null) {
            switch (kind) {
                case SPECIFIC:
                    d =
                            new TrustedClasses.Specific(
                                    type.getClassLoader(), TrustedClasses.of(type, readerSchema()));
                    break;
                case REFLECT:
                    d =
                            new TrustedClasses.Reflect(
                                    type.getClassLoader(), TrustedClasses.of(type, readerSchema()));
                    break;
                default:
                    d = GenericData.get();
            }
            data = d;
        }
        return d;
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> newReader(Schema writer) {
        Schema reader = readerSchema();
        // Fails here, not on the first record, when the schemas do not resolve.
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            StringBuilder problems = new StringBuilder("incompatible schemas:");
            for (SchemaCompatibility.Incompatibility i :
                    compatibility.getResult().getIncompatibilities()) {
                problems.append(' ')
                        .append(i.getType())
                        .append(" at ")
                        .append(i.getLocation())
                        .append(" (")
                        .append(i.getMessage())
                        .append(");");
            }
            throw new IllegalArgumentException(problems.toString());
        }
        switch (kind) {
            case SPECIFIC:
                return new SpecificDatumReader<>(writer, reader, (SpecificData) data());
            case REFLECT:
                TrustedClasses.Reflect model = (TrustedClasses.Reflect) data();
                return new TrustedClasses.ReflectReader<>(writer, reader, model, model.trusted());
            default:
                return (DatumReader<T>)
                        new GenericDatumReader<GenericRecord>(writer, reader, data());
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<T> newWriter() {
        switch (kind) {
            case SPECIFIC:
                return new SpecificDatumWriter<>(readerSchema(), (SpecificData) data());
            case REFLECT:
                return new ReflectDatumWriter<>(readerSchema(), (ReflectData) data());
            default:
                return (DatumWriter<T>) new GenericDatumWriter<GenericRecord>(readerSchema());
        }
    }

    private String describe() {
        return "AvroFormat."
                + kind.name().toLowerCase(java.util.Locale.ROOT)
                + "("
                + readerSchema().getFullName()
                + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AvroFormat)) {
            return false;
        }
        AvroFormat<?> that = (AvroFormat<?>) o;
        return kind == that.kind
                && type.equals(that.type)
                && Objects.equals(readerSchemaJson, that.readerSchemaJson)
                && Objects.equals(writerSchemaJson, that.writerSchemaJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, type, readerSchemaJson, writerSchemaJson);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Values between operators as Avro binary of the reader schema. */
    private static final class Codec<T> implements BytesCodec<T> {
        private static final long serialVersionUID = 1L;
        private final AvroFormat<T> format;
        @Nullable private transient AvroFormat<T> inFlight;

        Codec(AvroFormat<T> format) {
            this.format = format;
        }

        private AvroFormat<T> inFlight() {
            AvroFormat<T> f = inFlight;
            if (f == null) {
                // Between operators the bytes are always written with the reader schema.
                f =
                        new AvroFormat<>(
                                format.kind,
                                format.type,
                                format.readerSchemaJson == null ? null : format.readerSchema(),
                                null);
                inFlight = f;
            }
            return f;
        }

        @Override
        public Class<T> valueClass() {
            return format.type;
        }

        @Override
        public byte[] encode(T value) {
            return inFlight().write(value);
        }

        @Override
        public T decode(byte[] bytes) throws IOException {
            return inFlight().read(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Codec && format.equals(((Codec<?>) o).format);
        }

        @Override
        public int hashCode() {
            return format.hashCode();
        }

        @Override
        public String toString() {
            return format.toString();
        }
    }
}
