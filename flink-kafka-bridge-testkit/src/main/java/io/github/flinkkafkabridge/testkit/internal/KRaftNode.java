package io.github.flinkkafkabridge.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running KRaft process (broker and controller in one), wrapped around Kafka's own {@code
 * KafkaRaftServer}. Owned by one embedded cluster, which calls {@link #shutdown()} once.
 */
public final class KRaftNode {

    private static final Logger LOG = LoggerFactory.getLogger(KRaftNode.class);

    private final KafkaRaftServer server;

    private KRaftNode(KafkaRaftServer server) {
        this.server = server;
    }

    /**
     * Formats the log directory named in {@code props} as a standalone KRaft quorum, then starts
     * the server. On failure, whatever started is shut down before the exception propagates; a
     * fatal fault during startup surfaces as {@link KafkaHaltGuard.HaltRequestedException} instead
     * of halting the JVM.
     *
     * @param props the full broker configuration
     * @param configFile where to write {@code props} for the storage formatter
     * @param featureLevels finalized feature levels to format with, each checked with {@link
     *     FeatureLevels#check}; other features get this Kafka release's defaults
     */
    public static KRaftNode formatAndStart(
            Properties props, Path configFile, Map<String, Integer> featureLevels) {
        format(props, configFile, featureLevels);
        KafkaRaftServer server =
                new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        KafkaHaltGuard.run(
                () -> {
                    try {
                        server.startup();
                    } catch (RuntimeException | Error e) {
                        // Still guarded: shutting down a half-started node must not halt either.
                        shutdown(server);
                        throw e;
                    }
                });
        return new KRaftNode(server);
    }

    /** Stops the server and waits until it has stopped. */
    public void shutdown() {
        shutdown(server);
    }

    private static void shutdown(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka node did not shut down cleanly", e);
        }
    }

    /** Same as {@code kafka-storage format --standalone [--feature name=level]...}, in this JVM. */
    private static void format(
            Properties props, Path configFile, Map<String, Integer> featureLevels) {
        try (Writer writer = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
            props.store(writer, "Embedded Kafka cluster (flink-kafka-bridge-testkit)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + configFile, e);
        }
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "format",
                                "--cluster-id",
                                Uuid.randomUuid().toString(),
                                "--config",
                                configFile.toString(),
                                "--standalone"));
        args.addAll(FeatureLevels.formatterArguments(featureLevels));
        String what =
                "Could not format the Kafka log directory "
                        + props.getProperty("log.dirs")
                        + (featureLevels.isEmpty()
                                ? ""
                                : " with feature levels " + new TreeMap<>(featureLevels));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(args.toArray(new String[0]), out);
        } catch (RuntimeException e) {
            String printed = output.toString(StandardCharsets.UTF_8).trim();
            throw new IllegalStateException(
                    what
                            + ": "
                            + Exceptions.describe(e)
                            + (printed.isEmpty() ? "" : "; formatter output: " + printed),
                    e);
        }
        String text = output.toString(StandardCharsets.UTF_8).trim();
        if (status != 0) {
            throw new IllegalStateException(what + " (status " + status + "): " + text);
        }
        LOG.debug("Formatted {}: {}", props.getProperty("log.dirs"), text);
    }
}
