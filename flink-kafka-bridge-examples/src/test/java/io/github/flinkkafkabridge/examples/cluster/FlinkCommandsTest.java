package io.github.flinkkafkabridge.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkCommandsTest {

    private static final FlinkDistribution DISTRIBUTION =
            new FlinkDistribution(
                    List.of(
                            Path.of("/flink/lib/log4j-core.jar"),
                            Path.of("/flink/lib/flink-dist.jar")),
                    Path.of("/jdk/bin/java"));

    @TempDir Path dir;

    private FlinkCommands commands(Configuration config) {
        return new FlinkCommands(DISTRIBUTION, dir.resolve("conf"), config);
    }

    private Configuration writtenConfig() throws Exception {
        return FlinkConfDir.write(dir.resolve("conf"), 6123, 8081, 2, dir.resolve("tmp"));
    }

    @Test
    void jobManagerIsTheSessionEntryPointWithMemoryFlagsAndSettingsLikeJobmanagerSh()
            throws Exception {
        List<String> command = commands(writtenConfig()).jobManager(dir.resolve("log/jm.log"));

        int main = command.indexOf(FlinkCommands.JOB_MANAGER_CLASS);
        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command.subList(0, main))
                .contains(
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "-Dlog.file=" + dir.resolve("log/jm.log"),
                        "-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"),
                        "-classpath",
                        "/flink/lib/log4j-core.jar:/flink/lib/flink-dist.jar")
                .anyMatch(option -> option.startsWith("-Xmx"))
                .anyMatch(option -> option.startsWith("-XX:MaxMetaspaceSize="));
        List<String> arguments = command.subList(main + 1, command.size());
        assertThat(arguments)
                .containsSubsequence(
                        "--configDir", dir.resolve("conf").toString(), "--executionMode", "cluster")
                .anyMatch(argument -> argument.startsWith("jobmanager.memory.heap.size="));
        assertThat(arguments.get(arguments.indexOf("--configDir") - 2)).isEqualTo("-D");
    }

    @Test
    void taskManagerGetsItsComputedMemorySettingsAndSlotsLikeTaskmanagerSh() throws Exception {
        List<String> command = commands(writtenConfig()).taskManager(dir.resolve("log/tm.log"));

        int main = command.indexOf(FlinkCommands.TASK_MANAGER_CLASS);
        assertThat(command.subList(0, main))
                .contains("-Dlog.file=" + dir.resolve("log/tm.log"))
                .anyMatch(option -> option.startsWith("-Xmx"))
                .anyMatch(option -> option.startsWith("-XX:MaxDirectMemorySize="));
        assertThat(command.subList(main + 1, command.size()))
                .startsWith("--configDir", dir.resolve("conf").toString())
                .contains("taskmanager.numberOfTaskSlots=2", "taskmanager.memory.managed.size=0b")
                .anyMatch(argument -> argument.startsWith("taskmanager.memory.task.heap.size="));
    }

    @Test
    void cliRunsCliFrontendWithTheArgumentsAsGivenAndTheCliLogConfiguration() throws Exception {
        List<String> command =
                commands(writtenConfig())
                        .cli(
                                dir.resolve("log/client.log"),
                                List.of("run", "--detached", "job.jar"));

        assertThat(command)
                .endsWith(FlinkCommands.CLI_CLASS, "run", "--detached", "job.jar")
                .contains(
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-Dlog4j.configurationFile=file:"
                                + dir.resolve("conf/log4j-cli.properties"))
                .noneMatch(option -> option.startsWith("-Xmx"));
    }

    @Test
    void eachProcessGetsTheCommonJavaOptionsAndOnlyItsOwnRoleOptions() throws Exception {
        Configuration config = writtenConfig();
        config.set(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS, "-Dall.default=1");
        config.set(CoreOptions.FLINK_JVM_OPTIONS, "-Dall=1");
        config.set(CoreOptions.FLINK_JM_JVM_OPTIONS, "-Djm=1");
        config.set(CoreOptions.FLINK_TM_JVM_OPTIONS, "-Dtm=1  -Dtm.second=1");
        config.set(CoreOptions.FLINK_CLI_JVM_OPTIONS, "-Dcli=1");
        FlinkCommands commands = commands(config);

        assertThat(commands.jobManager(dir.resolve("jm.log")))
                .containsSubsequence("-Dall.default=1", "-Dall=1", "-Djm=1")
                .doesNotContain("-Dtm=1", "-Dcli=1");
        assertThat(commands.taskManager(dir.resolve("tm.log")))
                .containsSubsequence("-Dall.default=1", "-Dall=1", "-Dtm=1", "-Dtm.second=1")
                .doesNotContain("-Djm=1", "-Dcli=1");
        assertThat(commands.cli(dir.resolve("cli.log"), List.of("list")))
                .containsSubsequence("-Dall.default=1", "-Dall=1", "-Dcli=1")
                .doesNotContain("-Djm=1", "-Dtm=1");
    }
}
