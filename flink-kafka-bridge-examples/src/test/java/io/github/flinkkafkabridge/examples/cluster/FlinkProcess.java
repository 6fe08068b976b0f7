package io.github.flinkkafkabridge.examples.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the cluster, started as {@code flink-daemon.sh} does: stdout and stderr into {@code
 * <name>.out}, the Flink log into {@code <name>.log} (through {@code -Dlog.file} in its command),
 * no stdin. Owned by {@link StandaloneFlinkCluster}.
 */
final class FlinkProcess {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 25;

    private final String name;
    private final Process process;
    private final Path out;
    private final Path log;

    private FlinkProcess(String name, Process process, Path out, Path log) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.log = log;
    }

    /**
     * Starts {@code command}, whose {@code -Dlog.file} must be {@code logDir/<name>.log}.
     *
     * @param environment variables added to this JVM's environment
     */
    static FlinkProcess start(
            String name, List<String> command, Path logDir, Map<String, String> environment)
            throws IOException {
        Path out = logDir.resolve(name + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        return new FlinkProcess(name, process, out, logDir.resolve(name + ".log"));
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; false if it is still running after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    /** What the process wrote to stdout and stderr so far. */
    String output() {
        return read(out);
    }

    /** Whether its output or log mentions {@code text}. */
    boolean mentions(String text) {
        return read(out).contains(text) || read(log).contains(text);
    }

    /**
     * Stops the process as {@code stop-cluster.sh} does (SIGTERM), and kills it if it is still
     * running after a grace period. Idempotent.
     */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Kills the process at once; for a JVM shutdown hook. */
    void kill() {
        process.destroyForcibly();
    }

    /** Where its files are, its state and the last lines of both, for a failure message. */
    String describe() {
        return "--- "
                + name
                + " (pid "
                + process.pid()
                + (process.isAlive() ? ", running" : ", exited with " + process.exitValue())
                + ")\n    log: "
                + log
                + "\n    out: "
                + out
                + "\n    last lines of the log:\n"
                + tail(log)
                + "    last lines of the output:\n"
                + tail(out);
    }

    private static String tail(Path file) {
        List<String> lines = read(file).lines().toList();
        StringBuilder tail = new StringBuilder();
        for (String line : lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())) {
            tail.append("      ").append(line).append('\n');
        }
        return tail.toString();
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
