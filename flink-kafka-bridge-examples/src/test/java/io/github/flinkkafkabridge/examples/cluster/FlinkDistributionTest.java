package io.github.flinkkafkabridge.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkDistributionTest {

    @TempDir Path dir;

    @Test
    void readsTheClasspathFileTheBuildWritesAndRunsWithThisJava() throws Exception {
        Path file = dir.resolve("flink-dist.classpath");
        Files.writeString(file, "/m2/flink-core.jar" + File.pathSeparator + "/m2/log4j.jar\n");

        FlinkDistribution distribution = FlinkDistribution.fromClasspathFile(file);

        assertThat(distribution.jars())
                .containsExactly(Path.of("/m2/flink-core.jar"), Path.of("/m2/log4j.jar"));
        assertThat(distribution.classpath())
                .isEqualTo("/m2/flink-core.jar" + File.pathSeparator + "/m2/log4j.jar");
        assertThat(distribution.java())
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    @Test
    void failsNamingTheFileWhenItCannotBeRead() {
        Path missing = dir.resolve("missing.classpath");

        assertThatThrownBy(() -> FlinkDistribution.fromClasspathFile(missing))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void rejectsAnEmptyClasspath() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.classpath"), "\n");

        assertThatThrownBy(() -> FlinkDistribution.fromClasspathFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one jar");
    }
}
