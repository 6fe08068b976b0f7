package io.github.flinkkafkabridge.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quickstart with Flink's Prometheus reporter: the library's metrics are scraped by name from
 * the endpoint, and every metric the ready dashboard ({@code prometheus/dashboard.json}) queries is
 * among them.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PrometheusExportIT {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final List<String> EXPECTED =
            List.of(
                    "KafkaBridgeSource_recordsReadPerSecond",
                    "KafkaBridgeSource_timeLagSeconds",
                    "KafkaBridgeSource_backlogRecords",
                    "KafkaBridgeSource_recordsDeadLettered",
                    "KafkaBridgeSink_recordsWrittenPerSecond",
                    "KafkaBridgeSink_endToEndLatency");

    @Test
    void theLibraryMetricsAreExportedForPrometheusAndTheDashboardQueriesExist() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        WordCountJob.Settings settings =
                new WordCountJob.Settings(
                        KAFKA.bootstrapServers(),
                        KAFKA.createTopic("sentences", 2),
                        KAFKA.createTopic("word-counts", 2),
                        KAFKA.createTopic("sentences-dlq", 1),
                        Duration.ofSeconds(2),
                        1,
                        DeliveryGuarantee.AT_LEAST_ONCE,
                        Duration.ofMillis(500));
        int metricsPort = port;
        CompletableFuture<QuickstartJob.Summary> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return QuickstartJob.run(
                                        settings,
                                        Duration.ofSeconds(25),
                                        500,
                                        Duration.ofSeconds(5),
                                        metricsPort);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });

        String scraped = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!EXPECTED.stream().allMatch(scraped::contains) && System.nanoTime() < deadline) {
            scraped = scrape(metricsPort);
            TimeUnit.MILLISECONDS.sleep(500);
        }
        run.get(120, TimeUnit.SECONDS);

        for (String name : EXPECTED) {
            assertThat(scraped).as("Prometheus endpoint exports %s", name).contains(name);
        }
        String dashboard =
                Files.readString(Path.of("prometheus/dashboard.json"), StandardCharsets.UTF_8);
        for (String name : EXPECTED) {
            assertThat(dashboard).as("dashboard queries %s", name).contains(name);
        }
    }

    private static String scrape(int port) throws InterruptedException {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/metrics"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException notYetListening) {
            return "";
        }
    }
}
