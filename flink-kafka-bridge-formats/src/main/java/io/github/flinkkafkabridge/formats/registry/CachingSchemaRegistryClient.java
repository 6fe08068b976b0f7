package io.github.flinkkafkabridge.formats.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A {@link SchemaRegistryClient} over the registry's REST API with {@code java.net.http}, caching
 * schemas by id and ids by subject and schema (both least-recently-used, {@link
 * SchemaRegistryConfig#cacheCapacity()} entries each). Thread-safe; one per reader or writer.
 *
 * <p>Requests: {@code GET /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions} and {@code
 * POST /subjects/{subject}}, with {@code Accept} and {@code Content-Type} {@code
 * application/vnd.schemaregistry.v1+json} and, when configured, HTTP basic authentication.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    @Nullable private final String authorization;
    private final SchemaRegistryConfig config;
    private final HttpClient http;
    private final Map<Integer, RegistrySchema> schemasById;
    private final Map<String, Integer> idsBySubjectAndSchema;

    /**
     * @throws IllegalArgumentException when the config has no URL
     */
    public CachingSchemaRegistryClient(SchemaRegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.url() == null) {
            throw new IllegalArgumentException("The registry config has no URL (setUrl)");
        }
        this.baseUrl = config.url();
        this.authorization =
                config.username() == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (config.username() + ":" + config.password())
                                                        .getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
        this.schemasById = lru(config.cacheCapacity());
        this.idsBySubjectAndSchema = lru(config.cacheCapacity());
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return Collections.synchronizedMap(new LruCache<>(capacity));
    }

    @Override
    public RegistrySchema schemaById(int id) throws IOException {
        RegistrySchema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = send("GET", "/schemas/ids/" + id, null, "schema id " + id);
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException(
                    "The registry's answer for schema id " + id + " has no schema text", 200, 0);
        }
        RegistrySchema schema;
        try {
            schema =
                    new RegistrySchema(
                            SchemaType.fromRestName(
                                    body.hasNonNull("schemaType")
                                            ? body.get("schemaType").asText()
                                            : null),
                            text.asText());
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException("Schema id " + id + ": " + e.getMessage(), 200, 0);
        }
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public int register(String subject, RegistrySchema schema) throws IOException {
        return idFor("/subjects/" + encode(subject) + "/versions", subject, schema, "register");
    }

    @Override
    public int lookup(String subject, RegistrySchema schema) throws IOException {
        return idFor("/subjects/" + encode(subject), subject, schema, "look up");
    }

    private int idFor(String path, String subject, RegistrySchema schema, String action)
            throws IOException {
        String key = subject + '\u0000' + schema.type() + '\u0000' + schema.text();
        Integer cached = idsBySubjectAndSchema.get(key);
        if (cached != null) {
            return cached;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("schema", schema.text());
        if (schema.type() != SchemaType.AVRO) {
            request.put("schemaType", schema.type().name());
        }
        JsonNode body =
                send(
                        "POST",
                        path,
                        JSON.writeValueAsString(request),
                        action + " " + schema.type() + " schema under subject '" + subject + "'");
        JsonNode id = body.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new SchemaRegistryException(
                    "The registry's answer to " + action + " under '" + subject + "' has no id",
                    200,
                    0);
        }
        idsBySubjectAndSchema.put(key, id.intValue());
        schemasById.putIfAbsent(id.intValue(), schema);
        return id.intValue();
    }

    private JsonNode send(String method, String path, @Nullable String body, String what)
            throws SchemaRegistryException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(config.requestTimeout())
                        .header("Accept", MEDIA_TYPE);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", MEDIA_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "Schema Registry " + baseUrl + " unreachable to " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while asking for " + what, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() / 100 != 2) {
            int errorCode =
                    json != null && json.has("error_code") ? json.get("error_code").asInt() : 0;
            String message =
                    json != null && json.has("message")
                            ? json.get("message").asText()
                            : truncate(response.body());
            throw new SchemaRegistryException(
                    "Schema Registry "
                            + baseUrl
                            + " refused to "
                            + (what.startsWith("schema id") ? "return " : "")
                            + what
                            + ": HTTP "
                            + response.statusCode()
                            + (errorCode == 0 ? "" : ", error " + errorCode)
                            + ": "
                            + message,
                    response.statusCode(),
                    errorCode);
        }
        if (json == null || !json.isObject()) {
            throw new SchemaRegistryException(
                    "Schema Registry " + baseUrl + " answered " + what + " with no JSON object",
                    response.statusCode(),
                    0);
        }
        return json;
    }

    private static String truncate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "CachingSchemaRegistryClient{" + baseUrl + "}";
    }
}
