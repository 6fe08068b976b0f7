package io.github.flinkkafkabridge.formats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * A Schema Registry for tests, on 127.0.0.1 and an ephemeral port, speaking the documented REST
 * API: {@code GET /schemas/ids/{id}}, {@code POST /subjects/{subject}/versions} and {@code POST
 * /subjects/{subject}}, with HTTP basic authentication and the registry's error bodies ({@code
 * error_code}, {@code message}). Schemas with the same type and text share an id, as in the real
 * registry. Thread-safe.
 */
public final class SchemaRegistryStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    /** A stored schema. */
    public record Stored(String type, String text) {}

    private final HttpServer server;
    private final String expectedAuthorization;
    private final Map<Integer, Stored> byId = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final Set<String> incompatibleSubjects = new HashSet<>();
    private final List<String> requests = new ArrayList<>();
    private int nextId = 1;

    private SchemaRegistryStub(String user, String password) throws IOException {
        this.expectedAuthorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a registry that accepts only {@code user}/{@code password}. */
    public static SchemaRegistryStub start(String user, String password) throws IOException {
        return new SchemaRegistryStub(user, password);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a schema as another producer would; returns its id. */
    public synchronized int register(String subject, String type, String text) {
        return store(subject, new Stored(type, text));
    }

    /** Stores a schema under a fixed id, for byte-exact tests. */
    public synchronized void put(int id, String subject, String type, String text) {
        byId.put(id, new Stored(type, text));
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        nextId = Math.max(nextId, id + 1);
    }

    /** Makes every further registration under {@code subject} fail as incompatible. */
    public synchronized void rejectAsIncompatible(String subject) {
        incompatibleSubjects.add(subject);
    }

    /** The requests so far, as "METHOD path". */
    public synchronized List<String> requests() {
        return new ArrayList<>(requests);
    }

    /** The subjects so far. */
    public synchronized Set<String> subjects() {
        return new HashSet<>(subjects.keySet());
    }

    @Nullable
    public synchronized Stored schema(int id) {
        return byId.get(id);
    }

    private int store(String subject, Stored schema) {
        Integer id = null;
        for (Map.Entry<Integer, Stored> e : byId.entrySet()) {
            if (e.getValue().equals(schema)) {
                id = e.getKey();
            }
        }
        if (id == null) {
            id = nextId++;
            byId.put(id, schema);
        }
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            if (!expectedAuthorization.equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 401, "Unauthorized");
                return;
            }
            if (method.equals("GET") && path.startsWith("/schemas/ids/")) {
                getById(exchange, path.substring("/schemas/ids/".length()));
            } else if (method.equals("POST") && path.startsWith("/subjects/")) {
                String rest = path.substring("/subjects/".length());
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                Stored schema =
                        new Stored(
                                body.hasNonNull("schemaType")
                                        ? body.get("schemaType").asText()
                                        : "AVRO",
                                body.get("schema").asText());
                if (rest.endsWith("/versions")) {
                    registerSchema(exchange, rest.substring(0, rest.length() - 9), schema);
                } else {
                    lookup(exchange, rest, schema);
                }
            } else {
                error(exchange, 404, 404, "HTTP 404 Not Found");
            }
        }
    }

    private void getById(HttpExchange exchange, String idText) throws IOException {
        Stored schema;
        try {
            schema = byId.get(Integer.parseInt(idText));
        } catch (NumberFormatException e) {
            schema = null;
        }
        if (schema == null) {
            error(exchange, 404, 40403, "Schema " + idText + " not found");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.text());
        if (!schema.type().equals("AVRO")) {
            body.put("schemaType", schema.type());
        }
        respond(exchange, 200, body);
    }

    private void registerSchema(HttpExchange exchange, String subject, Stored schema)
            throws IOException {
        if (incompatibleSubjects.contains(subject)) {
            error(
                    exchange,
                    409,
                    409,
                    "Schema being registered is incompatible with an earlier schema for subject"
                            + " \""
                            + subject
                            + "\"");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("id", store(subject, schema));
        respond(exchange, 200, body);
    }

    private void lookup(HttpExchange exchange, String subject, Stored schema) throws IOException {
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
            return;
        }
        for (int i = 0; i < versions.size(); i++) {
            if (byId.get(versions.get(i)).equals(schema)) {
                ObjectNode body = JSON.createObjectNode();
                body.put("subject", subject);
                body.put("id", versions.get(i));
                body.put("version", i + 1);
                body.put("schema", schema.text());
                respond(exchange, 200, body);
                return;
            }
        }
        error(exchange, 404, 40403, "Schema not found");
    }

    private static void error(HttpExchange exchange, int status, int code, String message)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error_code", code);
        body.put("message", message);
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
