package io.github.flinkkafkabridge.formats.avro;

import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.read;
import static io.github.flinkkafkabridge.formats.testing.Serdes.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.formats.avro.generated.AvroOrder;
import io.github.flinkkafkabridge.formats.testing.Order;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.FormatException;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroFormatTest {

    static final Schema V1 =
            SchemaBuilder.record("Reading")
                    .namespace("test")
                    .fields()
                    .requiredString("sensor")
                    .requiredDouble("value")
                    .endRecord();

    static final Schema V2 =
            SchemaBuilder.record("Reading")
                    .namespace("test")
                    .fields()
                    .requiredString("sensor")
                    .name("unit")
                    .type()
                    .stringType()
                    .stringDefault("C")
                    .endRecord();

    static GenericRecord reading(String sensor, double value) {
        GenericRecord record = new GenericData.Record(V1);
        record.put("sensor", sensor);
        record.put("value", value);
        return record;
    }

    static AvroOrder avroOrder() {
        return AvroOrder.newBuilder()
                .setId(7)
                .setCustomer("ada")
                .setAmount(12.5)
                .setTags(List.of("a", "b"))
                .setNote(null)
                .build();
    }

    @Test
    void genericRoundTrip() throws Exception {
        AvroFormat<GenericRecord> avro = AvroFormat.generic(V1);
        GenericRecord record = reading("s1", 21.5);

        List<GenericRecord> out = roundTrip(avro.serializer("t"), avro.deserializer(), record);

        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("sensor").toString()).isEqualTo("s1");
        assertThat(out.get(0).get("value")).isEqualTo(21.5);
        assertThat(Serdes.throughTypeSerializer(avro.typeInformation(), record)).isEqualTo(record);
    }

    @Test
    void specificRoundTripWithTheGeneratedClass() throws Exception {
        AvroFormat<AvroOrder> avro = AvroFormat.specific(AvroOrder.class);

        assertThat(roundTrip(avro.serializer("t"), avro.deserializer(), avroOrder()))
                .containsExactly(avroOrder());
        assertThat(Serdes.throughTypeSerializer(avro.typeInformation(), avroOrder()))
                .isEqualTo(avroOrder());
        assertThat(avro.readerSchema()).isEqualTo(AvroOrder.getClassSchema());
    }

    @Test
    void reflectRoundTripWithAPlainClass() throws Exception {
        AvroFormat<Order> avro = AvroFormat.reflect(Order.class);
        Order order = new Order(3, "bob", 1.25, List.of("x"));

        assertThat(roundTrip(avro.serializer("t"), avro.deserializer(), order))
                .containsExactly(order);
    }

    @Test
    void writerSchemaResolvesToTheReaderSchema() throws Exception {
        byte[] v1Bytes = AvroFormat.generic(V1).write(reading("s1", 3.0));

        GenericRecord read = AvroFormat.generic(V1, V2).read(v1Bytes);

        assertThat(read.getSchema()).isEqualTo(V2);
        assertThat(read.get("sensor").toString()).isEqualTo("s1");
        assertThat(read.get("unit").toString()).isEqualTo("C");
    }

    @Test
    void specificWithAnOlderWriterSchemaFillsDefaults() throws Exception {
        Schema old =
                SchemaBuilder.record("AvroOrder")
                        .namespace("io.github.flinkkafkabridge.formats.avro.generated")
                        .fields()
                        .requiredLong("id")
                        .requiredString("customer")
                        .requiredDouble("amount")
                        .endRecord();
        GenericRecord oldOrder = new GenericData.Record(old);
        oldOrder.put("id", 9L);
        oldOrder.put("customer", "c");
        oldOrder.put("amount", 2.0);

        AvroOrder read =
                AvroFormat.specific(AvroOrder.class, old)
                        .read(AvroFormat.generic(old).write(oldOrder));

        assertThat(read.getId()).isEqualTo(9L);
        assertThat(read.getTags()).isEmpty();
        assertThat(read.getNote()).isNull();
    }

    @Test
    void incompatibleSchemasAreRejectedWhenTheFormatIsMade() {
        Schema numeric =
                SchemaBuilder.record("Reading")
                        .namespace("test")
                        .fields()
                        .requiredInt("sensor")
                        .endRecord();

        assertThatThrownBy(() -> AvroFormat.generic(V1, numeric))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incompatible")
                .hasMessageContaining("/fields/0");
    }

    @Test
    void truncatedAndLeftOverBytesFailWithAFormatException() throws Exception {
        AvroFormat<GenericRecord> avro = AvroFormat.generic(V1);
        byte[] good = avro.write(reading("s1", 1.0));

        assertThatThrownBy(() -> avro.read(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("test.Reading");
        assertThatThrownBy(() -> avro.read(Arrays.copyOf(good, good.length + 2)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("2 bytes left over");
    }

    @Test
    void hugeLengthPrefixesFailBeforeAllocating() {
        // A string length of 2^62 (zig-zag varint), then nothing.
        byte[] bytes = {
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x80,
            (byte) 0x7f
        };

        assertThatThrownBy(() -> AvroFormat.generic(V1).read(bytes))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("bytes are left");
        assertThatThrownBy(
                        () ->
                                AvroFormat.specific(AvroOrder.class)
                                        .read(
                                                new byte[] {
                                                    2,
                                                    2,
                                                    'x',
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    (byte) 0xfe,
                                                    (byte) 0xff,
                                                    0x7f
                                                }))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void tombstonesBecomeNoElement() throws Exception {
        assertThat(read(opened(AvroFormat.generic(V1).deserializer()), null)).isEmpty();
    }

    @Test
    void formatsAreValueObjects() {
        assertThat(AvroFormat.generic(V1)).isEqualTo(AvroFormat.generic(V1));
        assertThat(AvroFormat.generic(V1)).isNotEqualTo(AvroFormat.generic(V1, V2));
        assertThat(AvroFormat.specific(AvroOrder.class).toString())
                .isEqualTo(
                        "AvroFormat.specific(io.github.flinkkafkabridge.formats.avro.generated.AvroOrder)");
    }
}
