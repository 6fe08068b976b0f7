package io.github.flinkkafkabridge.formats.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.KafkaRecord;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaRecordTypeInfoTest {

    private static final Schema KEY =
            SchemaBuilder.record("K").namespace("test").fields().requiredLong("id").endRecord();

    private static final KafkaRecordTypeInfo<GenericRecord, ProtoOrder> TYPE =
            new KafkaRecordTypeInfo<>(
                    AvroFormat.generic(KEY).typeInformation(),
                    ProtobufFormat.of(ProtoOrder.class).typeInformation());

    private static GenericRecord key(long id) {
        GenericRecord key = new GenericData.Record(KEY);
        key.put("id", id);
        return key;
    }

    @Test
    void avroGenericKeysAndProtobufValuesTravelWithTheirOwnSerializers() throws Exception {
        // Kryo, Flink's fallback for KafkaRecord, fails on both of these.
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

        assertThat(Serdes.throughTypeSerializer(TYPE, read)).isEqualTo(read);
        KafkaRecord<GenericRecord, ProtoOrder> written = KafkaRecord.of(null, null);
        assertThat(Serdes.throughTypeSerializer(TYPE, written)).isEqualTo(written);
    }

    @Test
    void copyingBetweenViewsKeepsTheRecord() throws Exception {
        TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> serializer =
                TYPE.createSerializer(new SerializerConfigImpl());
        KafkaRecord<GenericRecord, ProtoOrder> record =
                KafkaRecord.of(key(5), ProtoOrder.newBuilder().setId(5).build())
                        .withHeader("h", new byte[] {1})
                        .withTimestamp(9L);
        DataOutputSerializer first = new DataOutputSerializer(64);
        serializer.serialize(record, first);
        DataOutputSerializer second = new DataOutputSerializer(64);

        serializer.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);

        assertThat(serializer.deserialize(new DataInputDeserializer(second.getCopyOfBuffer())))
                .isEqualTo(record);
    }

    @Test
    void theSnapshotRestoresACompatibleSerializer() throws Exception {
        TypeSerializer<KafkaRecord<GenericRecord, ProtoOrder>> serializer =
                TYPE.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<KafkaRecord<GenericRecord, ProtoOrder>> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<KafkaRecord<GenericRecord, ProtoOrder>> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);

        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.duplicate()).isEqualTo(serializer);
    }

    @Test
    void equalityFollowsTheKeyAndValueTypes() {
        assertThat(TYPE)
                .isEqualTo(
                        new KafkaRecordTypeInfo<>(
                                AvroFormat.generic(KEY).typeInformation(),
                                ProtobufFormat.of(ProtoOrder.class).typeInformation()))
                .isNotEqualTo(new KafkaRecordTypeInfo<>(Types.STRING, Types.STRING));
        assertThat(TYPE.hashCode())
                .isEqualTo(
                        new KafkaRecordTypeInfo<>(
                                        AvroFormat.generic(KEY).typeInformation(),
                                        ProtobufFormat.of(ProtoOrder.class).typeInformation())
                                .hashCode());
        assertThat(TYPE.getTypeClass()).isEqualTo(KafkaRecord.class);
        assertThat(TYPE.toString()).startsWith("KafkaRecord<");
    }
}
