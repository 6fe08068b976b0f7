package io.github.flinkkafkabridge.examples.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Writes the {@code conf/} directory of a one-machine standalone session cluster: {@code
 * config.yaml} (the Flink 2.x configuration file) and the log4j files that the scripts point each
 * process at ({@code log4j.properties} for the JobManager and TaskManager, {@code
 * log4j-cli.properties} for the CLI).
 *
 * <p>The settings are those of the distribution's default {@code config.yaml} (its Java 17 JVM
 * options, region failover, parallelism 1), with loopback addresses, the given ports, small memory,
 * no managed memory (the example keeps its state on the heap) and temporary files under the
 * cluster's own directory.
 */
final class FlinkConfDir {

    /** {@code env.java.opts.all} of the distribution's default {@code config.yaml}. */
    static final String DISTRIBUTION_JAVA_OPTS =
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED"
                    + " --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED"
                    + " --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED"
                    + " --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"
                    + " --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED"
                    + " --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED"
                    + " --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED"
                    + " --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
                    + " --add-opens=java.base/java.lang=ALL-UNNAMED"
                    + " --add-opens=java.base/java.net=ALL-UNNAMED"
                    + " --add-opens=java.base/java.io=ALL-UNNAMED"
                    + " --add-opens=java.base/java.nio=ALL-UNNAMED"
                    + " --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
                    + " --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
                    + " --add-opens=java.base/java.text=ALL-UNNAMED"
                    + " --add-opens=java.base/java.time=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"
                    + " --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED";

    /** Every process binds and connects to this address only. */
    static final String HOST = "127.0.0.1";

    static final String JOB_MANAGER_PROCESS_SIZE = "768m";
    static final String TASK_MANAGER_PROCESS_SIZE = "1024m";

    private static final String SERVER_LOG4J =
            String.join(
                    "\n",
                    "# Everything at INFO into the file the process was started with (-Dlog.file).",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = MainAppender",
                    "appender.main.name = MainAppender",
                    "appender.main.type = File",
                    // Append: the RPC system logs through a class loader of its own, hence a second
                    // log4j context that opens the same file.
                    "appender.main.append = true",
                    "appender.main.fileName = ${sys:log.file}",
                    "appender.main.layout.type = PatternLayout",
                    "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                    "");

    private FlinkConfDir() {}

    /**
     * Writes {@code confDir} and returns the configuration as Flink reads it from there.
     *
     * @param rpcPort the JobManager's RPC port, which the TaskManager connects to
     * @param restPort the REST port, which the CLI and the test connect to
     * @param slots the TaskManager's task slots
     * @param tmpDir where the processes keep temporary files (blobs, spilled data)
     */
    static Configuration write(Path confDir, int rpcPort, int restPort, int slots, Path tmpDir)
            throws IOException {
        Files.createDirectories(confDir);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("env.java.opts.all", DISTRIBUTION_JAVA_OPTS);
        settings.put("jobmanager.bind-host", HOST);
        settings.put("jobmanager.rpc.address", HOST);
        settings.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        settings.put("jobmanager.memory.process.size", JOB_MANAGER_PROCESS_SIZE);
        settings.put("jobmanager.execution.failover-strategy", "region");
        settings.put("taskmanager.bind-host", HOST);
        settings.put("taskmanager.host", HOST);
        settings.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        settings.put("taskmanager.memory.process.size", TASK_MANAGER_PROCESS_SIZE);
        settings.put("taskmanager.memory.managed.size", "0m");
        settings.put("parallelism.default", "1");
        settings.put("rest.address", HOST);
        settings.put("rest.bind-address", HOST);
        settings.put("rest.port", Integer.toString(restPort));
        settings.put("io.tmp.dirs", tmpDir.toAbsolutePath().toString());

        StringBuilder yaml = new StringBuilder("# Written by FlinkConfDir for a test cluster.\n");
        settings.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                confDir.resolve("log4j.properties"), SERVER_LOG4J, StandardCharsets.UTF_8);
        Files.writeString(
                confDir.resolve("log4j-cli.properties"), SERVER_LOG4J, StandardCharsets.UTF_8);
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }
}
