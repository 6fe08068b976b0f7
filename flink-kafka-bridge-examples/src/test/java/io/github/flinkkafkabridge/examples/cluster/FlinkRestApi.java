package io.github.flinkkafkabridge.examples.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The few calls of Flink's REST API that the test needs, over plain HTTP: {@code /overview}, {@code
 * /jobs/:id}, {@code /jobs/:id/exceptions}, {@code /jobs/:id/checkpoints}, the TaskManagers' thread
 * dumps and cancelling a job. Thread-safe.
 */
final class FlinkRestApi {

    /** The cluster's task managers and slots, from {@code /overview}. */
    record Overview(int taskManagers, int slotsTotal, int slotsAvailable) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    FlinkRestApi(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    URI base() {
        return base;
    }

    /** The overview, or empty while the REST endpoint does not answer yet. */
    Optional<Overview> overview() throws InterruptedException {
        return tryGet("/overview")
                .map(
                        json ->
                                new Overview(
                                        json.path("taskmanagers").asInt(),
                                        json.path("slots-total").asInt(),
                                        json.path("slots-available").asInt()));
    }

    /** The job's state, such as {@code RUNNING}, {@code FAILED} or {@code CANCELED}. */
    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * The task and stack trace of the job's latest failure, or empty if it never failed (a failure
     * that was followed by a restart counts).
     */
    Optional<String> latestFailure(String jobId) throws IOException, InterruptedException {
        JsonNode entries =
                get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        JsonNode latest = entries.get(0);
        return Optional.of(
                latest.path("taskName").asText("(no task)")
                        + ": "
                        + latest.path("stacktrace").asText(latest.path("exceptionName").asText()));
    }

    /** How many checkpoints of the job completed. */
    int completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
    }

    /** The names of the live threads of every TaskManager. */
    List<String> taskManagerThreads() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (JsonNode taskManager : get("/taskmanagers").path("taskmanagers")) {
            String id = taskManager.path("id").asText();
            for (JsonNode thread :
                    get("/taskmanagers/" + id + "/thread-dump").path("threadInfos")) {
                names.add(thread.path("threadName").asText());
            }
        }
        return names;
    }

    /** Asks the cluster to cancel the job ({@code PATCH /jobs/:id?mode=cancel}). */
    void cancel(String jobId) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .timeout(REQUEST_TIMEOUT)
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException(
                    "Cancelling job "
                            + jobId
                            + " at "
                            + base
                            + " returned HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
    }

    private Optional<JsonNode> tryGet(String path) throws InterruptedException {
        try {
            return Optional.of(get(path));
        } catch (IOException e) {
            // Not listening yet, or listening before the dispatcher is ready (HTTP 503).
            return Optional.empty();
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path)).GET().timeout(REQUEST_TIMEOUT).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET "
                            + base.resolve(path)
                            + " returned HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }
}
