package io.github.flinkkafkabridge.formats.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.flinkkafkabridge.serde.FormatException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonSchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PAYMENT =
            "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{"
                    + "\"id\":{\"type\":\"string\"},\"cents\":{\"type\":\"integer\",\"minimum\":0},"
                    + "\"a/b\":{\"type\":\"boolean\"},"
                    + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static void validate(JsonSchemaValidator validator, int id, String schema, String value)
            throws Exception {
        validator.validate(id, schema, json(value), () -> "schema id " + id + ", topic 't'");
    }

    @Test
    void aConformingValuePasses() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(10);

        assertThatCode(
                        () ->
                                validate(
                                        validator,
                                        1,
                                        PAYMENT,
                                        "{\"id\":\"p\",\"cents\":3,\"tags\":[\"x\"]}"))
                .doesNotThrowAnyException();
    }

    @Test
    void violationsNameTheContextAndTheJsonPointerOfEach() {
        JsonSchemaValidator validator = new JsonSchemaValidator(10);

        assertThatThrownBy(
                        () ->
                                validate(
                                        validator,
                                        4,
                                        PAYMENT,
                                        "{\"cents\":-1,\"a/b\":1,\"tags\":[\"x\",2]}"))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("JSON Schema violation (schema id 4, topic 't'): ")
                .hasMessageContaining("at \"/cents\": must have a minimum value of 0")
                .hasMessageContaining("at \"/a~1b\": integer found, boolean expected")
                .hasMessageContaining("at \"/tags/1\": integer found, string expected")
                .hasMessageContaining("at \"\": required property 'id' not found");
    }

    @Test
    void onlyTheFirstViolationsAreListed() {
        JsonSchemaValidator validator = new JsonSchemaValidator(10);
        String schema = "{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}";

        assertThatThrownBy(
                        () ->
                                validate(
                                        validator,
                                        1,
                                        schema,
                                        "[\"a\",\"b\",\"c\",\"d\",1,\"e\",\"f\"]"))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("at \"/5\"")
                .hasMessageNotContaining("at \"/6\"")
                .hasMessageEndingWith("; and 1 more");
    }

    @Test
    void eachSchemaIsCompiledOncePerIdAndTheLeastRecentlyUsedIsDropped() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(2);
        String integer = "{\"type\":\"integer\"}";
        String string = "{\"type\":\"string\"}";

        validate(validator, 1, integer, "1");
        validate(validator, 1, integer, "2");
        validate(validator, 2, string, "\"a\"");
        assertThat(validator.compilations()).isEqualTo(2);
        validate(validator, 1, integer, "3");
        validate(validator, 3, string, "\"b\"");
        assertThat(validator.compilations()).isEqualTo(3);
        validate(validator, 1, integer, "4");
        assertThat(validator.compilations())
                .as("id 1 was used more recently than id 2")
                .isEqualTo(3);
        validate(validator, 2, string, "\"c\"");
        assertThat(validator.compilations()).isEqualTo(4);
        validate(validator, 5, integer, "7");
        assertThat(validator.compilations()).as("cached by id, not by text").isEqualTo(5);
    }

    @Test
    void theDialectComesFromTheSchemaAndDefaultsToDraft7() throws Exception {
        JsonSchemaValidator validator = new JsonSchemaValidator(10);
        String tuple2020 =
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                        + "\"prefixItems\":[{\"type\":\"integer\"}]}";
        // Draft-07 has no prefixItems: the keyword is ignored.
        String tupleDraft7 = "{\"prefixItems\":[{\"type\":\"integer\"}]}";

        assertThatThrownBy(() -> validate(validator, 1, tuple2020, "[\"a\"]"))
                .hasMessageContaining("at \"/0\"");
        validate(validator, 2, tupleDraft7, "[\"a\"]");
    }

    @Test
    void remoteReferencesAreNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    requests.incrementAndGet();
                    byte[] body = "{\"type\":\"integer\"}".getBytes();
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        try {
            String remote =
                    "{\"$ref\":\"http://127.0.0.1:"
                            + server.getAddress().getPort()
                            + "/integer.json\"}";

            assertThatThrownBy(() -> validate(new JsonSchemaValidator(10), 7, remote, "1"))
                    .isInstanceOf(FormatException.class)
                    .hasMessageContaining("Schema id 7 is not a usable JSON Schema");
            assertThatThrownBy(() -> JsonSchemaValidator.requireUsable(remote))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The JSON Schema cannot be used");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void schemasThatCannotBeUsedAreFormatExceptions() {
        JsonSchemaValidator validator = new JsonSchemaValidator(10);

        for (String bad : new String[] {"[1]", "{", "{\"$ref\":\"#/definitions/missing\"}"}) {
            assertThatThrownBy(() -> validate(validator, 9, bad, "1"))
                    .as(bad)
                    .isInstanceOf(FormatException.class)
                    .hasMessageContaining("Schema id 9 is not a usable JSON Schema");
        }
    }
}
