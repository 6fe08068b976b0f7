package io.github.flinkkafkabridge.examples.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The command lines of Flink's {@code bin/} scripts, for a distribution and a {@code conf/}
 * directory: {@code jobmanager.sh start} (through {@code flink-daemon.sh standalonesession}),
 * {@code taskmanager.sh start} ({@code flink-daemon.sh taskexecutor}) and {@code flink} (the CLI).
 *
 * <p>As in the scripts, each process gets the whole distribution classpath, {@code
 * -XX:+IgnoreUnrecognizedVMOptions} plus {@code env.java.default-opts.all}, {@code
 * env.java.opts.all} and its role's options from {@code config.yaml}, and the log settings ({@code
 * -Dlog.file}, {@code -Dlog4j.configurationFile}, ...). The JobManager and TaskManager also get the
 * JVM memory flags and the {@code -D key=value} memory settings that the scripts compute with
 * {@code BashJavaUtils GET_JM_RESOURCE_PARAMS} and {@code GET_TM_RESOURCE_PARAMS}; this class
 * computes them with the same Flink methods, in this JVM.
 */
final class FlinkCommands {

    static final String JOB_MANAGER_CLASS =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_CLASS =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String CLI_CLASS = "org.apache.flink.client.cli.CliFrontend";

    private final FlinkDistribution distribution;
    private final Path confDir;
    private final Configuration config;

    FlinkCommands(FlinkDistribution distribution, Path confDir, Configuration config) {
        this.distribution = distribution;
        this.confDir = confDir.toAbsolutePath();
        this.config = config;
    }

    /** {@code bin/jobmanager.sh start}: a standalone session cluster entry point. */
    List<String> jobManager(Path logFile) {
        JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
        List<String> command = new ArrayList<>();
        command.add(distribution.java().toString());
        command.addAll(words(JobManagerProcessUtils.generateJvmParametersStr(spec, config)));
        command.addAll(
                javaOptions(
                        CoreOptions.FLINK_DEFAULT_JM_JVM_OPTIONS,
                        CoreOptions.FLINK_JM_JVM_OPTIONS));
        command.addAll(logSettings(logFile, "log4j.properties"));
        command.add("-classpath");
        command.add(distribution.classpath());
        command.add(JOB_MANAGER_CLASS);
        command.addAll(words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
        command.addAll(List.of("--configDir", confDir.toString(), "--executionMode", "cluster"));
        return command;
    }

    /** {@code bin/taskmanager.sh start}: one TaskManager. */
    List<String> taskManager(Path logFile) {
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> command = new ArrayList<>();
        command.add(distribution.java().toString());
        command.addAll(words(ProcessMemoryUtils.generateJvmParametersStr(spec)));
        command.addAll(
                javaOptions(
                        CoreOptions.FLINK_DEFAULT_TM_JVM_OPTIONS,
                        CoreOptions.FLINK_TM_JVM_OPTIONS));
        command.addAll(logSettings(logFile, "log4j.properties"));
        command.add("-classpath");
        command.add(distribution.classpath());
        command.add(TASK_MANAGER_CLASS);
        command.addAll(List.of("--configDir", confDir.toString()));
        command.addAll(words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        return command;
    }

    /**
     * {@code bin/flink <arguments>}; the CLI finds {@code conf/} through {@code FLINK_CONF_DIR}.
     */
    List<String> cli(Path logFile, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(distribution.java().toString());
        command.addAll(javaOptions(CoreOptions.FLINK_CLI_JVM_OPTIONS));
        command.addAll(logSettings(logFile, "log4j-cli.properties"));
        command.add("-classpath");
        command.add(distribution.classpath());
        command.add(CLI_CLASS);
        command.addAll(arguments);
        return command;
    }

    /** The conf directory, exported as {@code FLINK_CONF_DIR} to every process. */
    Path confDir() {
        return confDir;
    }

    /**
     * {@code FLINK_ENV_JAVA_OPTS} of config.sh followed by the role's options, split into words as
     * the shell does.
     */
    @SafeVarargs
    private List<String> javaOptions(ConfigOption<String>... roleOptions) {
        List<String> options = new ArrayList<>();
        options.add("-XX:+IgnoreUnrecognizedVMOptions");
        options.addAll(words(config.get(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS)));
        options.addAll(words(config.get(CoreOptions.FLINK_JVM_OPTIONS)));
        for (ConfigOption<String> option : roleOptions) {
            options.addAll(words(config.get(option)));
        }
        return options;
    }

    private List<String> logSettings(Path logFile, String log4jFile) {
        String log4j = "file:" + confDir.resolve(log4jFile);
        return List.of(
                "-Dlog.file=" + logFile.toAbsolutePath(),
                "-Dlog4j.configuration=" + log4j,
                "-Dlog4j.configurationFile=" + log4j,
                "-Dlogback.configurationFile=file:" + confDir.resolve("logback.xml"));
    }

    private static List<String> words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }
}
