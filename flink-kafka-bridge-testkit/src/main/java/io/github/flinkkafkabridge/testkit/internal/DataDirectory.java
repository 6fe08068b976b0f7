package io.github.flinkkafkabridge.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary directory of one embedded cluster: {@code embedded-kafka-*} with the broker's
 * configuration file and its log directory. While the cluster runs, the directory holds a file lock
 * on {@value #LOCK_FILE}, so {@link #deleteStale} run by another JVM (or this one) never removes a
 * directory in use. Owned by one cluster; {@link #delete()} is called once, at close.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /** Name prefix of every embedded cluster's directory. */
    public static final String PREFIX = "embedded-kafka-";

    static final String LOCK_FILE = "owner.lock";

    /**
     * Directories of this JVM's live clusters. Probing them with a second channel would be wrong:
     * on POSIX systems closing any channel to a file drops every lock this process holds on it.
     */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private final Path path;
    @Nullable private FileChannel lockChannel;
    @Nullable private FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates a fresh, locked {@code embedded-kafka-*} directory under {@code parent}. */
    public static DataDirectory create(Path parent) {
        Path path;
        try {
            Files.createDirectories(parent);
            path = Files.createTempDirectory(parent, PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create a temporary directory for the embedded Kafka cluster under "
                            + parent,
                    e);
        }
        FileChannel channel = null;
        try {
            channel =
                    FileChannel.open(
                            path.resolve(LOCK_FILE),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            LIVE.add(path);
            return new DataDirectory(path, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            deleteRecursively(path);
            throw new UncheckedIOException("Could not lock " + path.resolve(LOCK_FILE), e);
        }
    }

    /** The directory itself. */
    public Path path() {
        return path;
    }

    /** The broker's log directory (topic data and the KRaft metadata log). */
    public Path logDir() {
        return path.resolve("data");
    }

    /** Where the broker configuration is written for the storage formatter. */
    public Path configFile() {
        return path.resolve("server.properties");
    }

    /**
     * Releases the lock and deletes the directory. Best effort: a failure is logged, not thrown.
     *
     * @return whether the directory is gone
     */
    public synchronized boolean delete() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("Could not release the lock in {}", path, e);
        }
        closeQuietly(lockChannel);
        lock = null;
        lockChannel = null;
        LIVE.remove(path);
        boolean deleted = deleteRecursively(path);
        if (!deleted) {
            LOG.warn("Could not delete the embedded Kafka directory {}; remove it by hand", path);
        }
        return deleted;
    }

    /**
     * Deletes {@code embedded-kafka-*} directories under {@code parent} last modified more than
     * {@code olderThan} ago whose lock is not held, left behind by JVMs that were killed. Best
     * effort: problems are logged at DEBUG.
     *
     * @return how many directories were deleted
     */
    public static int deleteStale(Path parent, Duration olderThan) {
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        Instant cutoff = Instant.now().minus(olderThan);
        int deleted = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path candidate : candidates) {
                try {
                    if (Files.isDirectory(candidate)
                            && Files.getLastModifiedTime(candidate).toInstant().isBefore(cutoff)
                            && !isLocked(candidate)
                            && deleteRecursively(candidate)) {
                        LOG.info("Deleted stale embedded Kafka directory {}", candidate);
                        deleted++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Skipped stale-directory candidate {}", candidate, e);
                }
            }
        } catch (IOException e) {
            LOG.debug("Could not list {} for stale embedded Kafka directories", parent, e);
        }
        return deleted;
    }

    /** Whether a live cluster, in this JVM or another, holds the lock of {@code dir}. */
    static boolean isLocked(Path dir) throws IOException {
        if (LIVE.contains(dir)) {
            return true;
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true; // held by another process
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM
        }
    }

    /**
     * Deletes a directory tree; missing files are fine.
     *
     * @return whether {@code root} no longer exists
     */
    public static boolean deleteRecursively(Path root) {
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.deleteIfExists(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e)
                                throws IOException {
                            if (e instanceof NoSuchFileException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                                throws IOException {
                            if (e != null && !(e instanceof NoSuchFileException)) {
                                throw e;
                            }
                            Files.deleteIfExists(dir);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            LOG.debug("Could not delete {}", root, e);
        }
        return !Files.exists(root);
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close a lock file channel", e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
