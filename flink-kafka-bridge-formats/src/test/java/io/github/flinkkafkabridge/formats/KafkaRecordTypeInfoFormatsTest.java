package io.github.flinkkafkabridge.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import io.github.flinkkafkabridge.serde.KafkaRecordTypeInfo;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Core's {@link KafkaRecordTypeInfo} with the formats' types, which Kryo cannot copy: Avro generic
 * records as keys and Protobuf messages with map fields as values, in records, copies, binary
 * copies and snapshots.
 */
class KafkaRecordTypeInfoFormatsTest {

    private static final Schema KEY =
            SchemaBuilder.record("K").namespace("test").fields().requiredLong("id").endRecord();

    private static final KafkaRecordTypeInfo<GenericRecord, ProtoOrder> TYPE =
            KafkaRecordTypeInfo.of(
                    AvroFormat.generic(KEY).typeInformation(),
                    ProtobufFormat.of(ProtoOrder.class).typeInformation());

    private static GenericRecord key(long id) {
        GenericRecord key = new GenericData.Record(KEY);
        key.put("id", id);
        return key;
    }

    private static TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> serializer() {
        return TYPE.createSerializer(new SerializerConfigImpl());
    }

    @Test
    void avroKeysAndProtobufValuesTravelWithTheirOwnSerializers() throws Exception {
        ProtoOrder order =
                ProtoOrder.newBuilder()
                        .setId(3)
                        .addTags("a")
                        .putCounts("k", 2)
                        .addLines(ProtoOrder.Line.newBuilder().setSku("s"))
                        .build();
        KafkaRecord<GenericRecord, ProtoOrder> read =
                new KafkaRecord<>(
                        key(1),
                        order,
                        List.of(
                                new KafkaRecord.Header("h", "x".getBytes(UTF_8)),
                                new KafkaRecord.Header("empty", null)),
                        "orders",
                        2,
                        42L,
                        1_700_000_000_000L,
                        TimestampType.LOG_APPEND_TIME);
        KafkaRecord<GenericRecord, ProtoOrder> tombstone =
                new KafkaRecord<>(
                        key(2), null, List.of(), "orders", 0, 7L, 5L, TimestampType.CREATE_TIME);

        assertThat(Serdes.throughTypeSerializer(TYPE, read)).isEqualTo(read);
        assertThat(Serdes.throughTypeSerializer(TYPE, tombstone)).isEqualTo(tombstone);
        KafkaRecord<GenericRecord, ProtoOrder> written = KafkaRecord.of(null, null);
        assertThat(Serdes.throughTypeSerializer(TYPE, written)).isEqualTo(written);
    }

    @Test
    void binaryCopiesKeepTheRecord() throws Exception {
        TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> serializer = serializer();
        KafkaRecord<GenericRecord, ProtoOrder> record =
                KafkaRecord.of(key(5), ProtoOrder.newBuilder().setId(5).putCounts("n", 1).build())
                        .withHeader("h", new byte[] {1})
                        .withTimestamp(9L);
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(record, first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(second.getCopyOfBuffer()).isEqualTo(first.getCopyOfBuffer());
        assertThat(serializer.deserialize(new DataInputDeserializer(second.getCopyOfBuffer())))
                .isEqualTo(record);
    }

    @Test
    void theSnapshotRestoresTheFormatsSerializers() throws Exception {
        TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> serializer = serializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<KafkaRecord<GenericRecord, ProtoOrder>> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());

        assertThat(
                        serializer
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    }

    @Test
    void anotherKeySchemaDecidesAsTheKeyFormatDoes() throws Exception {
        Schema otherKey =
                SchemaBuilder.record("K")
                        .namespace("test")
                        .fields()
                        .requiredString("id")
                        .endRecord();
        TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> now =
                KafkaRecordTypeInfo.of(
                                AvroFormat.generic(otherKey).typeInformation(),
                                ProtobufFormat.of(ProtoOrder.class).typeInformation())
                        .createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<GenericRecord> keyBefore =
                AvroFormat.generic(KEY)
                        .typeInformation()
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();
        TypeSerializerSnapshot<GenericRecord> keyNow =
                AvroFormat.generic(otherKey)
                        .typeInformation()
                        .createSerializer(new SerializerConfigImpl())
                        .snapshotConfiguration();

        boolean recordsIncompatible =
                now.snapshotConfiguration()
                        .resolveSchemaCompatibility(serializer().snapshotConfiguration())
                        .isIncompatible();

        assertThat(recordsIncompatible)
                .isEqualTo(keyNow.resolveSchemaCompatibility(keyBefore).isIncompatible())
                .isTrue();
    }
}
