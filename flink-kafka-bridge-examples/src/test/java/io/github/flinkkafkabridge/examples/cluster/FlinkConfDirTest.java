package io.github.flinkkafkabridge.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkConfDirTest {

    @TempDir Path dir;

    @Test
    void flinkReadsTheWrittenConfigYamlWithPortsSlotsLoopbackAndTheDistributionJavaOptions()
            throws Exception {
        Configuration config =
                FlinkConfDir.write(dir.resolve("conf"), 41234, 41235, 3, dir.resolve("tmp"));

        assertThat(config.get(JobManagerOptions.PORT)).isEqualTo(41234);
        assertThat(config.get(JobManagerOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(config.get(RestOptions.PORT)).isEqualTo(41235);
        assertThat(config.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(config.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(3);
        assertThat(config.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(config.get(CoreOptions.FLINK_JVM_OPTIONS))
                .isEqualTo(FlinkConfDir.DISTRIBUTION_JAVA_OPTS);
        assertThat(config.get(CoreOptions.TMP_DIRS))
                .isEqualTo(dir.resolve("tmp").toAbsolutePath().toString());
    }

    @Test
    void writesTheLog4jFilesTheScriptsPointAtAppendingToTheProcessLogFile() throws Exception {
        FlinkConfDir.write(dir.resolve("conf"), 1, 2, 1, dir.resolve("tmp"));

        for (String file : new String[] {"log4j.properties", "log4j-cli.properties"}) {
            assertThat(Files.readString(dir.resolve("conf").resolve(file)))
                    .contains("appender.main.fileName = ${sys:log.file}")
                    .contains("appender.main.append = true");
        }
    }
}
