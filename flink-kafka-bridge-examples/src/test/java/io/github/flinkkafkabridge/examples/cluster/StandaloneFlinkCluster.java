package io.github.flinkkafkabridge.examples.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * A standalone Flink session cluster in separate JVMs on this machine, as {@code
 * bin/start-cluster.sh} starts it from a distribution: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and one TaskManager ({@code TaskManagerRunner}), with the
 * distribution's classpath, a generated {@code conf/config.yaml} on free loopback ports, and jobs
 * submitted by Flink's own CLI ({@code flink run}).
 *
 * <pre>{@code
 * try (StandaloneFlinkCluster flink =
 *         StandaloneFlinkCluster.start(FlinkDistribution.fromBuild(), workDir, 2)) {
 *     String jobId = flink.runDetached(jar, "com.example.MyJob", List.of("--input", "in"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Everything lives under the work directory, which {@link #start} empties first: {@code conf/},
 * {@code log/} (a {@code .log} and a {@code .out} per process, kept after {@link #close()} so a
 * failed run can be read) and {@code tmp/}. Failures name the log files and quote their last lines.
 * {@link #close()} stops both processes, and a JVM shutdown hook kills them if the test JVM exits
 * first. Not thread-safe.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    /** How long the cluster may take until the TaskManager's slots are registered. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** How long {@code flink run --detached} may take to submit a job. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(90);

    private static final int START_ATTEMPTS = 3;
    private static final Pattern SUBMITTED =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private final Path workDir;
    private final Path logDir;
    private final FlinkCommands commands;
    private final FlinkRestApi rest;
    private final List<FlinkProcess> processes = new ArrayList<>();
    private final Thread shutdownHook;

    private StandaloneFlinkCluster(
            Path workDir, Path logDir, FlinkCommands commands, FlinkRestApi rest) {
        this.workDir = workDir;
        this.logDir = logDir;
        this.commands = commands;
        this.rest = rest;
        this.shutdownHook = new Thread(this::killAll, "standalone-flink-cluster-shutdown");
    }

    /**
     * Starts the JobManager and the TaskManager and returns once the TaskManager's {@code slots}
     * slots are registered. Retries with other ports if the JobManager finds a chosen port taken.
     *
     * @throws IllegalStateException if the cluster is not up within {@link #START_TIMEOUT}, or a
     *     process exits; the message names the logs
     */
    static StandaloneFlinkCluster start(FlinkDistribution distribution, Path workDir, int slots)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            StandaloneFlinkCluster cluster = prepare(distribution, workDir, slots);
            try {
                cluster.launch(slots);
                return cluster;
            } catch (PortTakenException e) {
                cluster.close();
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(
                            "The JobManager found its port taken " + attempt + " times", e);
                }
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
        }
    }

    private static StandaloneFlinkCluster prepare(
            FlinkDistribution distribution, Path workDir, int slots) throws IOException {
        deleteRecursively(workDir);
        Path logDir = Files.createDirectories(workDir.resolve("log"));
        Path tmpDir = Files.createDirectories(workDir.resolve("tmp"));
        Path confDir = workDir.resolve("conf");
        int[] ports = freePorts(2);
        Configuration config = FlinkConfDir.write(confDir, ports[0], ports[1], slots, tmpDir);
        return new StandaloneFlinkCluster(
                workDir,
                logDir,
                new FlinkCommands(distribution, confDir, config),
                new FlinkRestApi(FlinkConfDir.HOST, ports[1]));
    }

    private void launch(int slots) throws Exception {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        FlinkProcess jobManager =
                startProcess("jobmanager", commands.jobManager(logDir.resolve("jobmanager.log")));
        FlinkProcess taskManager =
                startProcess(
                        "taskmanager", commands.taskManager(logDir.resolve("taskmanager.log")));
        Await.until(
                START_TIMEOUT,
                "a TaskManager with " + slots + " slots at " + rest.base() + "/overview",
                this::describeLogs,
                () -> {
                    if (!jobManager.isAlive() && jobManager.mentions("Address already in use")) {
                        throw new PortTakenException(describeLogs());
                    }
                    failIfExited(jobManager);
                    failIfExited(taskManager);
                    return rest.overview()
                            .filter(o -> o.taskManagers() == 1 && o.slotsTotal() == slots)
                            .isPresent();
                });
    }

    private FlinkProcess startProcess(String name, List<String> command) throws IOException {
        FlinkProcess process =
                FlinkProcess.start(
                        name,
                        command,
                        logDir,
                        Map.of("FLINK_CONF_DIR", commands.confDir().toString()));
        processes.add(process);
        return process;
    }

    private void failIfExited(FlinkProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    "The Flink " + process.name() + " exited\n" + describeLogs());
        }
    }

    /**
     * Runs {@code flink run --detached --class mainClass jar programArguments...} and returns the
     * id of the submitted job.
     *
     * @throws IllegalStateException if the CLI fails, does not finish within {@link
     *     #SUBMIT_TIMEOUT} or prints no job id; the message quotes its output and names the logs
     */
    String runDetached(Path jar, String mainClass, List<String> programArguments) throws Exception {
        List<String> arguments = new ArrayList<>();
        arguments.addAll(
                List.of(
                        "run",
                        "--detached",
                        "--class",
                        mainClass,
                        jar.toAbsolutePath().toString()));
        arguments.addAll(programArguments);
        FlinkProcess cli =
                startProcess("client", commands.cli(logDir.resolve("client.log"), arguments));
        if (!cli.awaitExit(SUBMIT_TIMEOUT)) {
            cli.stop();
            throw new IllegalStateException(
                    "flink run did not finish within "
                            + SUBMIT_TIMEOUT.toSeconds()
                            + " s\n"
                            + describeLogs());
        }
        if (cli.exitCode() != 0) {
            throw new IllegalStateException(
                    "flink run exited with " + cli.exitCode() + "\n" + describeLogs());
        }
        return jobIdOf(cli.output());
    }

    /** The job id in the output of {@code flink run --detached}. */
    static String jobIdOf(String cliOutput) {
        Matcher matcher = SUBMITTED.matcher(cliOutput);
        if (!matcher.find()) {
            throw new IllegalStateException(
                    "flink run printed no 'Job has been submitted with JobID <id>':\n" + cliOutput);
        }
        return matcher.group(1);
    }

    /** The cluster's REST API, as the CLI and the web UI reach it. */
    FlinkRestApi rest() {
        return rest;
    }

    /** The directory with the {@code .log} and {@code .out} file of every process. */
    Path logDir() {
        return logDir;
    }

    /** Where each process logs, whether it runs, and the last lines of its files. */
    String describeLogs() {
        StringBuilder text = new StringBuilder("Flink processes under " + workDir + ":\n");
        for (FlinkProcess process : processes) {
            text.append(process.describe());
        }
        return text.toString();
    }

    /**
     * Stops the processes, newest first (the TaskManager before the JobManager); the work directory
     * stays. If interrupted, kills the remaining processes and keeps the interrupt flag.
     */
    @Override
    public void close() {
        try {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).stop();
            }
        } catch (InterruptedException e) {
            killAll();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The JVM is shutting down (the hook runs), or the hook was never added.
            }
        }
    }

    private void killAll() {
        processes.forEach(FlinkProcess::kill);
    }

    /** Distinct ports that were free a moment ago on the loopback address. */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket =
                        new ServerSocket(0, 1, InetAddress.getByName(FlinkConfDir.HOST));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(
                            path -> {
                                try {
                                    Files.delete(path);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
    }

    /** The JobManager could not bind a port chosen as free: start again on other ports. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String logs) {
            super("A port of the JobManager was taken\n" + logs);
        }
    }
}
