package io.github.flinkkafkabridge.formats.registry;

import static io.github.flinkkafkabridge.formats.testing.Serdes.opened;
import static io.github.flinkkafkabridge.formats.testing.Serdes.read;
import static io.github.flinkkafkabridge.formats.testing.Serdes.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON Schema validation of the registry JSON Schema format, against the registry stub. */
class RegistryJsonSchemaValidationTest {

    /** Payments whose id starts with "p-" and whose amount is not negative. */
    static final String STRICT =
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"title\":\"Payment\","
                    + "\"type\":\"object\",\"required\":[\"id\",\"cents\"],"
                    + "\"additionalProperties\":false,\"properties\":{"
                    + "\"id\":{\"type\":\"string\",\"pattern\":\"^p-\"},"
                    + "\"cents\":{\"type\":\"integer\",\"minimum\":0},"
                    + "\"refunded\":{\"type\":\"boolean\"}}}";

    private static final Payment GOOD = new Payment("p-1", 5, false);
    private static final Payment BAD = new Payment("x", -1, false);

    private SchemaRegistryStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = SchemaRegistryStub.start("user", "pw");
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private SchemaRegistryConfig registry() {
        return SchemaRegistryConfig.builder()
                .setUrl(stub.url())
                .setBasicAuth("user", "pw")
                .setAutoRegisterSchemas(true)
                .build();
    }

    private RegistryJsonSchemaFormat<Payment> payments() {
        return RegistryJsonSchemaFormat.of(JsonFormat.of(Payment.class), STRICT, registry());
    }

    @Test
    void writesAreValidatedByDefaultAndConformingOnesAreByteExact() throws Exception {
        KafkaRecordSerializer<Payment> serializer = opened(payments().serializer("pay"));

        byte[] good = write(serializer, GOOD);

        assertThat(new String(good, 5, good.length - 5, UTF_8))
                .isEqualTo("{\"id\":\"p-1\",\"cents\":5,\"refunded\":false}");
        assertThatThrownBy(() -> write(serializer, BAD))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(
                        "JSON Schema violation (schema id 1, topic 'pay', subject 'pay-value'): ")
                .hasMessageContaining("at \"/id\": does not match the regex pattern ^p-")
                .hasMessageContaining("at \"/cents\": must have a minimum value of 0");
    }

    @Test
    void writeValidationCanBeTurnedOff() throws Exception {
        byte[] bytes = write(opened(payments().withWriteValidation(false).serializer("pay")), BAD);

        assertThat(new String(bytes, 5, bytes.length - 5, UTF_8))
                .isEqualTo("{\"id\":\"x\",\"cents\":-1,\"refunded\":false}");
    }

    @Test
    void readsAreNotValidatedUnlessAsked() throws Exception {
        byte[] bad = write(opened(payments().withWriteValidation(false).serializer("pay")), BAD);

        assertThat(read(opened(payments().deserializer()), bad)).containsExactly(BAD);
        assertThatThrownBy(
                        () -> read(opened(payments().withReadValidation(true).deserializer()), bad))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("JSON Schema violation (schema id 1, topic 't'): ")
                .hasMessageContaining("at \"/cents\"");
    }

    @Test
    void readValidationUsesTheRegisteredSchemaOfEachPayloadsId() throws Exception {
        int lenient =
                stub.register("pay-value", "JSON", "{\"title\":\"Payment\",\"type\":\"object\"}");
        int strict = stub.register("pay-value", "JSON", STRICT);
        byte[] badJson = "{\"id\":\"x\",\"cents\":-1,\"refunded\":false}".getBytes(UTF_8);
        KafkaRecordDeserializer<Payment> validating =
                opened(
                        RegistryJsonSchemaFormat.of(JsonFormat.of(Payment.class), registry())
                                .withReadValidation(true)
                                .deserializer());

        assertThat(read(validating, WireFormat.frame(lenient, badJson))).containsExactly(BAD);
        assertThatThrownBy(() -> read(validating, WireFormat.frame(strict, badJson)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("schema id " + strict);
    }

    @Test
    void validatedReadsKeepTheJsonFormatOptionsAndNulls() throws Exception {
        int id = stub.register("t-value", "JSON", "{\"type\":[\"object\",\"null\"]}");
        KafkaRecordDeserializer<Payment> strictFields =
                opened(
                        RegistryJsonSchemaFormat.of(
                                        JsonFormat.of(Payment.class)
                                                .withMissingFields(JsonFormat.MissingFields.FAIL),
                                        registry())
                                .withReadValidation(true)
                                .deserializer());
        KafkaRecordDeserializer<JsonNode> trees =
                opened(
                        RegistryJsonSchemaFormat.of(JsonFormat.tree(), registry())
                                .withReadValidation(true)
                                .deserializer());

        assertThat(read(strictFields, WireFormat.frame(id, "null".getBytes(UTF_8)))).isEmpty();
        assertThatThrownBy(
                        () ->
                                read(
                                        strictFields,
                                        WireFormat.frame(id, "{\"id\":\"p\"}".getBytes(UTF_8))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Schema id " + id)
                .hasMessageContaining("[cents, refunded]");
        assertThatThrownBy(() -> read(strictFields, WireFormat.frame(id, "{".getBytes(UTF_8))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Schema id " + id + ": Invalid JSON");
        assertThat(read(trees, WireFormat.frame(id, "{\"a\":1}".getBytes(UTF_8))).get(0).get("a"))
                .isNotNull();
        assertThatThrownBy(() -> read(trees, WireFormat.frame(id, "[1]".getBytes(UTF_8))))
                .hasMessageContaining("at \"\": array found");
    }

    @Test
    void eachSchemaIsFetchedOncePerIdByEachReader() throws Exception {
        int a = stub.register("t-value", "JSON", "{\"type\":\"object\"}");
        int b = stub.register("t-value", "JSON", STRICT);
        KafkaRecordDeserializer<Payment> validating =
                opened(payments().withReadValidation(true).deserializer());
        byte[] good = "{\"id\":\"p-1\",\"cents\":5,\"refunded\":false}".getBytes(UTF_8);

        for (int i = 0; i < 50; i++) {
            assertThat(read(validating, WireFormat.frame(i % 2 == 0 ? a : b, good)))
                    .containsExactly(GOOD);
        }

        List<String> requests = stub.requests();
        assertThat(requests).containsOnlyOnce("GET /schemas/ids/" + a, "GET /schemas/ids/" + b);
        assertThat(requests).hasSize(2);
    }

    @Test
    void aSchemaTheValidatorCannotUseFailsEarlyForWritersAndPerRecordForReaders() throws Exception {
        String remote = "{\"title\":\"R\",\"$ref\":\"http://127.0.0.1:9/remote.json\"}";
        int id = stub.register("t-value", "JSON", remote);
        RegistryJsonSchemaFormat<Payment> format =
                RegistryJsonSchemaFormat.of(JsonFormat.of(Payment.class), remote, registry());

        assertThatThrownBy(() -> format.serializer("t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The JSON Schema cannot be used");
        assertThat(format.withWriteValidation(false).serializer("t")).isNotNull();
        assertThatThrownBy(
                        () ->
                                read(
                                        opened(format.withReadValidation(true).deserializer()),
                                        WireFormat.frame(id, "{}".getBytes(UTF_8))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Schema id " + id + " is not a usable JSON Schema");
    }

    @Test
    void optionsShowInToString() {
        assertThat(payments().toString())
                .contains("schema=Payment", "validateWrites=true", "validateReads=false");
        assertThat(payments().withWriteValidation(false).withReadValidation(true).toString())
                .contains("validateWrites=false", "validateReads=true");
    }
}
