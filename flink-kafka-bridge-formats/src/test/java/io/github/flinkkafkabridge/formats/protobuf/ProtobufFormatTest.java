package io.github.flinkkafkabridge.formats.protobuf;

import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.read;
import static io.github.flinkkafkabridge.formats.testing.Serdes.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.protobuf.generated.Status;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.FormatException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtobufFormatTest {

    static ProtoOrder order() {
        return ProtoOrder.newBuilder()
                .setId(7)
                .setCustomer("ada")
                .setAmount(12.5)
                .addTags("a")
                .putCounts("x", 3)
                .setStatus(Status.STATUS_SHIPPED)
                .addLines(ProtoOrder.Line.newBuilder().setSku("s").setQuantity(2))
                .build();
    }

    @Test
    void generatedMessageRoundTrip() throws Exception {
        ProtobufFormat<ProtoOrder> proto = ProtobufFormat.of(ProtoOrder.class);

        assertThat(roundTrip(proto.serializer("t"), proto.deserializer(), order()))
                .containsExactly(order());
        assertThat(Serdes.throughTypeSerializer(proto.typeInformation(), order()))
                .isEqualTo(order());
    }

    @Test
    void wellKnownTypesWorkToo() throws Exception {
        ProtobufFormat<Struct> proto = ProtobufFormat.of(Struct.class);
        Struct struct =
                Struct.newBuilder()
                        .putFields("k", Value.newBuilder().setStringValue("v").build())
                        .build();

        assertThat(roundTrip(proto.serializer("t"), proto.deserializer(), struct))
                .containsExactly(struct);
    }

    @Test
    void invalidBytesFailWithAFormatExceptionNamingTheMessage() {
        byte[] good = order().toByteArray();

        assertThatThrownBy(
                        () ->
                                ProtobufFormat.of(ProtoOrder.class)
                                        .read(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("flinkkafkabridge.test.ProtoOrder");
        assertThatThrownBy(() -> ProtobufFormat.of(ProtoOrder.class).read(new byte[] {(byte) 0xff}))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void aClassThatIsNotGeneratedIsRejected() {
        assertThatThrownBy(() -> ProtobufFormat.of(Message.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a generated Protobuf message class");
    }

    @Test
    void tombstonesBecomeNoElement() throws Exception {
        assertThat(read(opened(ProtobufFormat.of(ProtoOrder.class).deserializer()), null))
                .isEmpty();
    }
}
