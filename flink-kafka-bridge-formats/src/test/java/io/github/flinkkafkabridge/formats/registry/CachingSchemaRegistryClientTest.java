package io.github.flinkkafkabridge.formats.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.formats.testing.SchemaRegistryStub;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

    private static final RegistrySchema AVRO = new RegistrySchema(SchemaType.AVRO, "\"string\"");
    private static final RegistrySchema PROTO =
            new RegistrySchema(SchemaType.PROTOBUF, "syntax = \"proto3\";\nmessage M {}\n");

    private SchemaRegistryStub stub;
    private CachingSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        stub = SchemaRegistryStub.start("user", "s3cret");
        client = new CachingSchemaRegistryClient(config("s3cret"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private SchemaRegistryConfig config(String password) {
        return SchemaRegistryConfig.builder()
                .setUrl(stub.url() + "/")
                .setBasicAuth("user", password)
                .setRequestTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void registersOnceAndCachesIdsAndSchemas() throws Exception {
        int id = client.register("orders-value", PROTO);

        assertThat(client.register("orders-value", PROTO)).isEqualTo(id);
        assertThat(client.schemaById(id)).isEqualTo(PROTO);
        assertThat(stub.schema(id))
                .isEqualTo(new SchemaRegistryStub.Stored("PROTOBUF", PROTO.text()));
        assertThat(stub.requests()).containsExactly("POST /subjects/orders-value/versions");
    }

    @Test
    void fetchesSchemasByIdWithTheirTypeAndCachesThem() throws Exception {
        int avroId = stub.register("a-value", "AVRO", AVRO.text());
        int protoId = stub.register("p-value", "PROTOBUF", PROTO.text());

        assertThat(client.schemaById(avroId)).isEqualTo(AVRO);
        assertThat(client.schemaById(protoId)).isEqualTo(PROTO);
        assertThat(client.schemaById(avroId)).isEqualTo(AVRO);
        assertThat(stub.requests())
                .containsExactly("GET /schemas/ids/" + avroId, "GET /schemas/ids/" + protoId);
    }

    @Test
    void looksUpRegisteredSchemasAndReportsUnknownOnes() throws Exception {
        int id = stub.register("a-value", "AVRO", AVRO.text());

        assertThat(client.lookup("a-value", AVRO)).isEqualTo(id);
        assertThatThrownBy(() -> client.lookup("missing-value", AVRO))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.isNotFound()).isTrue();
                            assertThat(e.errorCode())
                                    .isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
                        })
                .hasMessageContaining("subject 'missing-value'");
        assertThatThrownBy(() -> client.lookup("a-value", PROTO))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e ->
                                assertThat(e.errorCode())
                                        .isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> client.schemaById(404))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> {
                            assertThat(e.httpStatus()).isEqualTo(404);
                            assertThat(e.errorCode()).isEqualTo(40403);
                        })
                .hasMessageContaining("schema id 404")
                .hasMessageContaining("Schema 404 not found");
    }

    @Test
    void incompatibleSchemaIsRefusedWithTheRegistrysMessage() {
        stub.rejectAsIncompatible("orders-value");

        assertThatThrownBy(() -> client.register("orders-value", AVRO))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessageContaining("incompatible with an earlier schema");
    }

    @Test
    void wrongCredentialsAreRefusedWithoutShowingThePassword() {
        CachingSchemaRegistryClient wrong = new CachingSchemaRegistryClient(config("guess"));

        assertThatThrownBy(() -> wrong.schemaById(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401))
                .hasMessageContaining("Unauthorized")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("guess"));
        assertThat(config("guess").toString()).doesNotContain("guess").contains("******");
    }

    @Test
    void unreachableRegistryIsAnErrorWithoutStatus() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CachingSchemaRegistryClient nowhere =
                new CachingSchemaRegistryClient(
                        SchemaRegistryConfig.builder()
                                .setUrl("http://127.0.0.1:" + port)
                                .setRequestTimeout(Duration.ofSeconds(5))
                                .build());

        assertThatThrownBy(() -> nowhere.schemaById(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isZero())
                .hasMessageContaining("unreachable");
    }

    @Test
    void subjectsAreEscapedInThePath() throws Exception {
        client.register("a b/c", AVRO);

        assertThat(stub.subjects()).contains("a b/c");
    }
}
