package io.github.flinkkafkabridge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir Path parent;

    @Test
    void createsALockedDirectoryAndDeletesItWithItsContent() throws IOException {
        DataDirectory directory = DataDirectory.create(parent);
        Files.createDirectories(directory.logDir().resolve("orders-0"));
        Files.writeString(directory.logDir().resolve("orders-0/00000.log"), "data");

        assertThat(directory.path().getFileName().toString()).startsWith(DataDirectory.PREFIX);
        assertThat(DataDirectory.isLocked(directory.path())).isTrue();

        assertThat(directory.delete()).isTrue();
        assertThat(directory.path()).doesNotExist();
    }

    @Test
    void deletesOnlyOldUnlockedEmbeddedKafkaDirectories() throws IOException {
        Path oldAbandoned = oldDirectory("embedded-kafka-abandoned", DataDirectory.LOCK_FILE);
        Path oldWithoutLockFile = oldDirectory("embedded-kafka-nolock", "meta.properties");
        Path recent = Files.createDirectory(parent.resolve("embedded-kafka-recent"));
        Path oldUnrelated = oldDirectory("other-kafka-dir", "meta.properties");
        DataDirectory live = DataDirectory.create(parent);
        age(live.path());

        int deleted = DataDirectory.deleteStale(parent, Duration.ofHours(1));

        assertThat(deleted).isEqualTo(2);
        assertThat(oldAbandoned).doesNotExist();
        assertThat(oldWithoutLockFile).doesNotExist();
        assertThat(recent).exists();
        assertThat(oldUnrelated).exists();
        assertThat(live.path()).exists();
        live.delete();
    }

    @Test
    void staleCleanupOfAMissingParentDoesNothing() {
        assertThat(DataDirectory.deleteStale(parent.resolve("missing"), Duration.ZERO)).isZero();
    }

    @Test
    void deleteRecursivelyToleratesAMissingDirectory() {
        assertThat(DataDirectory.deleteRecursively(parent.resolve("never-created"))).isTrue();
    }

    private Path oldDirectory(String name, String file) throws IOException {
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.writeString(dir.resolve(file), "");
        age(dir); // after writing the file, which touches the directory's modification time
        return dir;
    }

    private static void age(Path dir) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    }
}
