package io.github.flinkkafkabridge.serde;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.testutils.migration.SchemaCompatibilityTestingSerializer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaRecordTypeInfo}: equality, type extraction, the serializer's copies and corrupt
 * input, and the snapshot's compatibility when a job is restored with changed key or value
 * serializers. {@link KafkaRecordTypeInfoSerializerTest} runs Flink's generic serializer checks.
 */
class KafkaRecordTypeInfoTest {

    private static final KafkaRecordTypeInfo<String, byte[]> STRING_BYTES =
            KafkaRecordTypeInfo.of(
                    Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** The serialized layout of version 1, frozen: see {@link #main(String[])}. */
    private static final String V1 = "/serde/kafka-record-serializer-v1/";

    private static <K, V> TypeSerializer<KafkaRecord<K, V>> serializer(
            TypeInformation<KafkaRecord<K, V>> type) {
        return type.createSerializer(new SerializerConfigImpl());
    }

    private static <T> byte[] write(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return out.getCopyOfBuffer();
    }

    private static <T> TypeSerializerSnapshot<T> read(byte[] bytes) throws IOException {
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(bytes), KafkaRecordTypeInfoTest.class.getClassLoader());
    }

    /**
     * The compatibility of state written with {@code before} for a job restored with {@code now}.
     */
    private static <T> TypeSerializerSchemaCompatibility<T> restore(
            TypeSerializer<T> before, TypeSerializer<T> now) throws IOException {
        TypeSerializerSnapshot<T> written = read(write(before.snapshotConfiguration()));
        return now.snapshotConfiguration().resolveSchemaCompatibility(written);
    }

    @Test
    void equalityFollowsTheKeyAndValueTypes() throws Exception {
        KafkaRecordTypeInfo<String, byte[]> same =
                KafkaRecordTypeInfo.of(
                        Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

        assertThat(STRING_BYTES)
                .isEqualTo(same)
                .hasSameHashCodeAs(same)
                .isEqualTo(InstantiationUtil.clone(STRING_BYTES))
                .isNotEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.STRING))
                .isNotEqualTo(
                        KafkaRecordTypeInfo.of(
                                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO))
                .isNotEqualTo(new GenericTypeInfo<>(KafkaRecord.class));
        assertThat(STRING_BYTES.keyType()).isEqualTo(Types.STRING);
        assertThat(STRING_BYTES.valueType())
                .isEqualTo(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        assertThat(STRING_BYTES.getTypeClass()).isEqualTo(KafkaRecord.class);
        assertThat(STRING_BYTES.getGenericParameters())
                .isEqualTo(
                        Map.of(
                                "K",
                                Types.STRING,
                                "V",
                                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        assertThat(STRING_BYTES.isKeyType()).isFalse();
        assertThat(STRING_BYTES).hasToString("KafkaRecord<String, byte[]>");
        assertThat(serializer(STRING_BYTES))
                .isEqualTo(serializer(same))
                .hasSameHashCodeAs(serializer(same))
                .isNotEqualTo(serializer(KafkaRecordTypeInfo.of(Types.STRING, Types.STRING)));
    }

    @Test
    void keyAndValueTypesAreRequired() {
        assertThatThrownBy(() -> KafkaRecordTypeInfo.of(null, Types.STRING))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("keyType");
        assertThatThrownBy(() -> KafkaRecordTypeInfo.of(Types.STRING, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("valueType");
    }

    /** A POJO holding a record, as Flink's type extraction sees it. */
    public static final class Holder {
        public KafkaRecord<String, Integer> record;
        public long count;
    }

    @Test
    void typeExtractionFindsItWhereverItSeesTheTypeArguments() {
        assertThat(TypeInformation.of(new TypeHint<KafkaRecord<String, Long>>() {}))
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.LONG));

        TypeInformation<KafkaRecord<String, Integer>> mapped =
                TypeExtractor.getMapReturnTypes(
                        new MapFunction<String, KafkaRecord<String, Integer>>() {
                            @Override
                            public KafkaRecord<String, Integer> map(String value) {
                                return KafkaRecord.of(value, value.length());
                            }
                        },
                        Types.STRING);
        assertThat(mapped).isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.INT));

        TypeInformation<Holder> holder = TypeInformation.of(Holder.class);
        assertThat(holder).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<Holder>) holder).getTypeAt("record"))
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.INT));

        TypeInformation<Tuple2<Long, KafkaRecord<String, String>>> tuple =
                TypeInformation.of(new TypeHint<Tuple2<Long, KafkaRecord<String, String>>>() {});
        assertThat(((TupleTypeInfo<?>) tuple).getTypeAt(1))
                .isEqualTo(KafkaRecordTypeInfo.of(Types.STRING, Types.STRING));
    }

    @Test
    void typeArgumentsFlinkCannotSeeTravelThroughKryo() throws Exception {
        TypeInformation<KafkaRecord<String, Integer>> type =
                TypeExtractor.getForObject(KafkaRecord.of("k", 1));

        assertThat(type)
                .isEqualTo(
                        KafkaRecordTypeInfo.of(
                                new GenericTypeInfo<>(Object.class),
                                new GenericTypeInfo<>(Object.class)));
        KafkaRecord<String, Integer> record = KafkaRecord.of("k", 1).withHeader("h", null);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer(type).serialize(record, out);
        assertThat(serializer(type).deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(record);
    }

    @Test
    void copiesShareNoMutableArray() {
        byte[] headerValue = "h".getBytes(UTF_8);
        KafkaRecord<String, byte[]> record =
                KafkaRecord.of("k", new byte[] {1, 2}).withHeader("h", headerValue);

        KafkaRecord<String, byte[]> copy = serializer(STRING_BYTES).copy(record);

        assertThat(copy).isEqualTo(record);
        assertThat(copy.value()).isNotSameAs(record.value());
        assertThat(copy.lastHeader("h")).isNotSameAs(headerValue);
        assertThat(serializer(STRING_BYTES).isImmutableType()).isFalse();
    }

    @Test
    void corruptBytesFailWithAMessage() {
        TypeSerializer<KafkaRecord<String, byte[]>> serializer = serializer(STRING_BYTES);

        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(new byte[] {8})))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt serialized KafkaRecord: unknown flags 0x8");
        byte[] negativeHeaders = ByteBuffer.allocate(5).put((byte) 0).putInt(-2).array();
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(negativeHeaders)))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt serialized KafkaRecord: header count -2");
        byte[] badTimestampType =
                ByteBuffer.allocate(26)
                        .put((byte) 0)
                        .putInt(0)
                        .putInt(-1)
                        .putLong(-1L)
                        .putLong(-1L)
                        .put((byte) 7)
                        .array();
        assertThatThrownBy(
                        () -> serializer.deserialize(new DataInputDeserializer(badTimestampType)))
                .isInstanceOf(IOException.class)
                .hasMessage("Corrupt serialized KafkaRecord: timestamp type id 7");
    }

    @Test
    void duplicatesAreNewOnlyWhenTheKeyOrValueSerializerIsStateful() {
        TypeSerializer<KafkaRecord<String, byte[]>> stateless = serializer(STRING_BYTES);
        TypeSerializer<KafkaRecord<Object, String>> kryoKeys =
                serializer(
                        KafkaRecordTypeInfo.of(new GenericTypeInfo<>(Object.class), Types.STRING));

        TypeSerializer<KafkaRecord<Object, String>> duplicate = kryoKeys.duplicate();

        assertThat(stateless.duplicate()).isSameAs(stateless);
        assertThat(duplicate).isNotSameAs(kryoKeys).isEqualTo(kryoKeys);
        assertThat(
                        ((KafkaRecordTypeInfo.RecordSerializer<Object, String>) duplicate)
                                .keySerializer())
                .isNotSameAs(
                        ((KafkaRecordTypeInfo.RecordSerializer<Object, String>) kryoKeys)
                                .keySerializer());
    }

    @Test
    void aSnapshotRestoresAnEqualSerializerThatIsCompatibleAsIs() throws Exception {
        TypeSerializer<KafkaRecord<String, byte[]>> serializer = serializer(STRING_BYTES);

        TypeSerializerSnapshot<KafkaRecord<String, byte[]>> restored =
                read(write(serializer.snapshotConfiguration()));

        assertThat(restored).isInstanceOf(KafkaRecordTypeInfo.RecordSerializerSnapshot.class);
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(restore(serializer, serializer(STRING_BYTES)).isCompatibleAsIs()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anotherKeyTypeMakesTheStateIncompatible() throws Exception {
        TypeSerializer<KafkaRecord<Object, byte[]>> stringKeys =
                serializer((TypeInformation) STRING_BYTES);
        TypeSerializer<KafkaRecord<Object, byte[]>> longKeys =
                serializer(
                        (TypeInformation)
                                KafkaRecordTypeInfo.of(
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));

        assertThat(restore(stringKeys, longKeys).isIncompatible()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anotherSnapshotWithTwoNestedSerializersIsIncompatible() throws Exception {
        TypeSerializer<Object> tuple =
                (TypeSerializer)
                        new TupleTypeInfo<Tuple2<String, byte[]>>(
                                        Types.STRING,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                                .createSerializer(new SerializerConfigImpl());

        assertThat(restore(tuple, (TypeSerializer) serializer(STRING_BYTES)).isIncompatible())
                .isTrue();
    }

    private static TypeSerializer<KafkaRecord<Integer, byte[]>> withKeys(
            SchemaCompatibilityTestingSerializer keys) {
        return new KafkaRecordTypeInfo.RecordSerializer<>(keys, bytes());
    }

    private static TypeSerializer<byte[]> bytes() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO.createSerializer(
                new SerializerConfigImpl());
    }

    @Test
    void keysThatNeedMigrationMakeTheRecordsNeedMigration() {
        TypeSerializer<KafkaRecord<Integer, byte[]>> before =
                withKeys(new SchemaCompatibilityTestingSerializer("keys"));
        TypeSerializer<KafkaRecord<Integer, byte[]>> now =
                withKeys(
                        new SchemaCompatibilityTestingSerializer(
                                "keys",
                                old ->
                                        TypeSerializerSchemaCompatibility
                                                .compatibleAfterMigration()));

        assertThat(
                        now.snapshotConfiguration()
                                .resolveSchemaCompatibility(before.snapshotConfiguration())
                                .isCompatibleAfterMigration())
                .isTrue();
    }

    @Test
    void reconfiguredKeysReconfigureTheRecordSerializer() {
        SchemaCompatibilityTestingSerializer reconfigured =
                new SchemaCompatibilityTestingSerializer("reconfigured keys");
        TypeSerializer<KafkaRecord<Integer, byte[]>> before =
                withKeys(new SchemaCompatibilityTestingSerializer("keys"));
        TypeSerializer<KafkaRecord<Integer, byte[]>> now =
                withKeys(
                        new SchemaCompatibilityTestingSerializer(
                                "keys",
                                old ->
                                        TypeSerializerSchemaCompatibility
                                                .compatibleWithReconfiguredSerializer(
                                                        reconfigured)));

        TypeSerializerSchemaCompatibility<KafkaRecord<Integer, byte[]>> compatibility =
                now.snapshotConfiguration()
                        .resolveSchemaCompatibility(before.snapshotConfiguration());

        assertThat(compatibility.isCompatibleWithReconfiguredSerializer()).isTrue();
        KafkaRecordTypeInfo.RecordSerializer<Integer, byte[]> serializer =
                (KafkaRecordTypeInfo.RecordSerializer<Integer, byte[]>)
                        compatibility.getReconfiguredSerializer();
        assertThat(serializer.keySerializer()).isSameAs(reconfigured);
        assertThat(serializer.valueSerializer()).isEqualTo(bytes());
    }

    @Test
    void aSnapshotOfANewerLayoutIsRefusedWithAMessage() throws Exception {
        byte[] bytes = write(serializer(STRING_BYTES).snapshotConfiguration());
        // The outer version follows CompositeTypeSerializerSnapshot's magic number.
        int at = indexOf(bytes, ByteBuffer.allocate(8).putInt(911108).putInt(1).array());
        ByteBuffer.wrap(bytes).putInt(at + 4, 2);

        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("snapshot has version 2, newer than this library's 1");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            boolean match = true;
            for (int j = 0; j < part.length && match; j++) {
                match = bytes[i + j] == part[j];
            }
            if (match) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void stateWrittenWithLayoutVersion1IsReadAsItWas() throws Exception {
        TypeSerializerSnapshot<KafkaRecord<String, byte[]>> written = read(resource("snapshot"));
        TypeSerializer<KafkaRecord<String, byte[]>> now = serializer(STRING_BYTES);

        assertThat(
                        now.snapshotConfiguration()
                                .resolveSchemaCompatibility(written)
                                .isCompatibleAsIs())
                .isTrue();
        DataInputDeserializer data = new DataInputDeserializer(resource("data"));
        List<KafkaRecord<String, byte[]>> read = new ArrayList<>();
        for (int i = data.readInt(); i > 0; i--) {
            read.add(written.restoreSerializer().deserialize(data));
        }
        assertThat(read).containsExactly(KafkaRecordTypeInfoSerializerTest.records());
        assertThat(data.available()).isZero();
        assertThat(data(now)).isEqualTo(resource("data"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KafkaRecordTypeInfoTest.class.getResourceAsStream(V1 + name)) {
            return Objects.requireNonNull(in, V1 + name).readAllBytes();
        }
    }

    private static byte[] data(TypeSerializer<KafkaRecord<String, byte[]>> serializer)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        KafkaRecord<String, byte[]>[] records = KafkaRecordTypeInfoSerializerTest.records();
        out.writeInt(records.length);
        for (KafkaRecord<String, byte[]> record : records) {
            serializer.serialize(record, out);
        }
        return out.getCopyOfBuffer();
    }

    /**
     * Writes the files of a layout version into directory {@code args[0]}: the serializer's
     * snapshot and the records of {@link KafkaRecordTypeInfoSerializerTest#records()}. Run once
     * when {@link KafkaRecordTypeInfo.RecordSerializerSnapshot#VERSION} goes up, into a new
     * directory: the files of a released version are never rewritten, since savepoints hold them.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        TypeSerializer<KafkaRecord<String, byte[]>> serializer = serializer(STRING_BYTES);
        Files.write(dir.resolve("snapshot"), write(serializer.snapshotConfiguration()));
        Files.write(dir.resolve("data"), data(serializer));
    }
}
