package io.github.flinkkafkabridge.formats.json;

import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.read;
import static io.github.flinkkafkabridge.formats.testing.Serdes.roundTrip;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinkkafkabridge.formats.json.JsonFormat.MissingFields;
import io.github.flinkkafkabridge.formats.json.JsonFormat.UnknownFields;
import io.github.flinkkafkabridge.formats.testing.Order;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.util.List;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

    private static final Order ORDER = new Order(7, "ada", 12.5, List.of("a", "b"));

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void pojoRoundTrip() throws Exception {
        JsonFormat<Order> json = JsonFormat.of(Order.class);

        assertThat(roundTrip(json.serializer("t"), json.deserializer(), ORDER))
                .containsExactly(ORDER);
        assertThat(json.typeInformation()).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void javaRecordRoundTrip() throws Exception {
        JsonFormat<Payment> json = JsonFormat.of(Payment.class);
        Payment payment = new Payment("p-1", 1999, true);

        assertThat(roundTrip(json.serializer("t"), json.deserializer(), payment))
                .containsExactly(payment);
        assertThat(new String(json.write(payment), UTF_8))
                .isEqualTo("{\"id\":\"p-1\",\"cents\":1999,\"refunded\":true}");
    }

    @Test
    void treeRoundTripAndTreesTravelAsJson() throws Exception {
        JsonFormat<JsonNode> json = JsonFormat.tree();
        JsonNode tree = new ObjectMapper().readTree("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}");

        assertThat(roundTrip(json.serializer("t"), json.deserializer(), tree))
                .containsExactly(tree);
        assertThat(Serdes.throughTypeSerializer(json.typeInformation(), tree)).isEqualTo(tree);
        assertThat(json.read(utf8("42")).intValue()).isEqualTo(42);
    }

    @Test
    void unknownFieldsAreIgnoredByDefaultAndRejectedWhenAsked() throws Exception {
        byte[] extra =
                utf8("{\"id\":1,\"customer\":\"x\",\"amount\":1.0,\"tags\":[],\"vip\":true}");

        assertThat(JsonFormat.of(Order.class).read(extra).customer).isEqualTo("x");
        assertThatThrownBy(
                        () ->
                                JsonFormat.of(Order.class)
                                        .withUnknownFields(UnknownFields.FAIL)
                                        .read(extra))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Order")
                .hasMessageContaining("vip");
    }

    @Test
    void missingFieldsTakeDefaultsByDefaultAndAreRejectedWhenAsked() throws Exception {
        byte[] partial = utf8("{\"id\":1,\"customer\":null}");

        Order order = JsonFormat.of(Order.class).read(partial);
        assertThat(order.amount).isZero();
        assertThat(order.tags).isNull();
        assertThatThrownBy(
                        () ->
                                JsonFormat.of(Order.class)
                                        .withMissingFields(MissingFields.FAIL)
                                        .read(partial))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("[amount, tags]")
                .hasMessageContaining("MissingFields.FAIL");
        assertThatThrownBy(
                        () ->
                                JsonFormat.of(Payment.class)
                                        .withMissingFields(MissingFields.FAIL)
                                        .read(utf8("{\"id\":\"p\",\"cents\":1}")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("[refunded]");
        assertThat(
                        JsonFormat.of(Payment.class)
                                .withMissingFields(MissingFields.FAIL)
                                .read(utf8("{\"id\":\"p\",\"cents\":1,\"refunded\":false}")))
                .isEqualTo(new Payment("p", 1, false));
    }

    @Test
    void malformedJsonFailsWithAFormatExceptionNamingTheType() {
        JsonFormat<Order> json = JsonFormat.of(Order.class);

        for (String bad : new String[] {"{", "{\"id\":\"x\"}", "[1]", "{} {}", "", "nul"}) {
            assertThatThrownBy(() -> json.read(utf8(bad)))
                    .as(bad)
                    .isInstanceOf(FormatException.class)
                    .hasMessageContaining("JSON");
        }
    }

    @Test
    void readingThroughATreeMatchesReadingTheBytes() throws Exception {
        JsonFormat<Order> json = JsonFormat.of(Order.class);
        JsonFormat<Payment> strict =
                JsonFormat.of(Payment.class).withMissingFields(MissingFields.FAIL);
        byte[] order = json.write(ORDER);
        byte[] framed = ("xx" + new String(order, UTF_8)).getBytes(UTF_8);

        assertThat(json.fromTree(json.readTree(framed, 2, order.length))).isEqualTo(ORDER);
        assertThat(json.fromTree(json.readTree(utf8("null"), 0, 4))).isNull();
        assertThat(JsonFormat.tree().fromTree(json.readTree(utf8("[1]"), 0, 3)).isArray()).isTrue();
        assertThatThrownBy(() -> strict.fromTree(json.readTree(utf8("{\"id\":\"p\"}"), 0, 10)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("[cents, refunded]");
        assertThatThrownBy(() -> json.fromTree(json.readTree(utf8("[1]"), 0, 3)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Invalid JSON for Order");
        for (String bad : new String[] {"{", "{} {}", "", "  "}) {
            assertThatThrownBy(() -> json.readTree(utf8(bad), 0, bad.length()))
                    .as(bad)
                    .isInstanceOf(FormatException.class)
                    .hasMessageContaining("JSON");
        }
    }

    @Test
    void jsonNullAndTombstonesBecomeNoElement() throws Exception {
        KafkaRecordDeserializer<Order> d = opened(JsonFormat.of(Order.class).deserializer());

        assertThat(read(d, utf8("null"))).isEmpty();
        assertThat(read(d, null)).isEmpty();
    }

    @Test
    void optionsMakeNewFormatsAndShowInToString() {
        JsonFormat<Order> strict =
                JsonFormat.of(Order.class)
                        .withUnknownFields(UnknownFields.FAIL)
                        .withMissingFields(MissingFields.FAIL);

        assertThat(strict).isNotEqualTo(JsonFormat.of(Order.class));
        assertThat(strict.toString()).contains("unknownFields=FAIL", "missingFields=FAIL");
    }
}
