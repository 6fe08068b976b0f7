package io.github.flinkkafkabridge.examples.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink 2.3 distribution assembled from Maven Central jars instead of the binary tarball: the
 * jars that {@code bin/config.sh} ({@code constructFlinkClassPath}) puts on the classpath of the
 * JobManager, the TaskManager and the {@code flink} CLI alike (everything in {@code lib/}), and the
 * Java that runs them.
 *
 * <p>The build writes the jar list to {@code target/flink-dist.classpath} (see the {@code
 * flink-dist-classpath} execution in the examples pom) and hands its path to the integration tests
 * in the system property {@value #CLASSPATH_FILE_PROPERTY}.
 */
final class FlinkDistribution {

    /** System property naming the file with the distribution's classpath. */
    static final String CLASSPATH_FILE_PROPERTY = "flink.dist.classpath.file";

    private final List<Path> jars;
    private final Path java;

    FlinkDistribution(List<Path> jars, Path java) {
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("A Flink distribution needs at least one jar");
        }
        this.jars = List.copyOf(jars);
        this.java = java;
    }

    /** The distribution the build resolved, run with the Java of this JVM. */
    static FlinkDistribution fromBuild() {
        String file = System.getProperty(CLASSPATH_FILE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException(
                    "System property '"
                            + CLASSPATH_FILE_PROPERTY
                            + "' is not set: run this test through Maven (./mvnw -pl"
                            + " flink-kafka-bridge-examples -am verify"
                            + " -Dit.test=FlinkRunOnClusterIT), which writes the Flink classpath at"
                            + " package time");
        }
        return fromClasspathFile(Path.of(file));
    }

    /** The distribution whose classpath {@code file} holds, run with the Java of this JVM. */
    static FlinkDistribution fromClasspathFile(Path file) {
        return new FlinkDistribution(
                readClasspath(file), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static List<Path> readClasspath(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the Flink classpath from "
                            + file
                            + " (written by `./mvnw package` in flink-kafka-bridge-examples)",
                    e);
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /** The jars of {@code lib/}, in classpath order. */
    List<Path> jars() {
        return jars;
    }

    /** The {@code -classpath} value of every Flink process. */
    String classpath() {
        List<String> entries = new ArrayList<>(jars.size());
        for (Path jar : jars) {
            entries.add(jar.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The {@code java} executable ({@code JAVA_RUN} in the scripts). */
    Path java() {
        return java;
    }
}
