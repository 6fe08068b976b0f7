package io.github.flinkkafkabridge.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches how many records the broker has acknowledged on a topic while a writer runs: a background
 * thread sums the partitions' end offsets (high watermarks) every few milliseconds. The broker's
 * count is the same for every contender, so the steady-state rate it gives compares sinks without
 * the Flink job's deployment and without trusting any writer's own counting.
 */
final class EndOffsetWatcher implements AutoCloseable {

    private static final Duration PERIOD = Duration.ofMillis(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final List<long[]> samples = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private final long expected;
    private volatile boolean running = true;

    /** The writing threads' usage at the first samples at 20% and 80% of the records, or null. */
    private ThreadUsage writersFrom;

    private long cpuFromCount;
    private ThreadUsage writersTo;
    private long cpuToCount;

    private EndOffsetWatcher(
            String bootstrapServers, String topic, int partitionCount, long expected) {
        this.expected = expected;
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        this.thread = new Thread(this::watch, "end-offset-watcher-" + topic);
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code topic}'s {@code partitionCount} partitions fill with {@code expected}
     * records.
     */
    static EndOffsetWatcher start(
            String bootstrapServers, String topic, int partitionCount, long expected) {
        EndOffsetWatcher watcher =
                new EndOffsetWatcher(bootstrapServers, topic, partitionCount, expected);
        watcher.thread.start();
        return watcher;
    }

    private void watch() {
        try {
            while (running) {
                long count = 0;
                for (long end : consumer.endOffsets(partitions, Duration.ofSeconds(10)).values()) {
                    count += end;
                }
                long now = System.nanoTime();
                synchronized (samples) {
                    samples.add(new long[] {now, count});
                    if (writersFrom == null && count >= expected * 0.2) {
                        writersFrom = ThreadUsage.of(EndOffsetWatcher::isWriterThread);
                        cpuFromCount = count;
                    } else if (writersFrom != null
                            && writersTo == null
                            && count >= expected * 0.8) {
                        writersTo = ThreadUsage.of(EndOffsetWatcher::isWriterThread);
                        cpuToCount = count;
                    }
                }
                Thread.sleep(PERIOD.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Threads that write: Flink's task threads (the sink is chained to its generating source, so
     * they are named {@code "Source: ..."}), producer I/O threads and the raw producer threads. The
     * broker's threads are not counted.
     */
    static boolean isWriterThread(String name) {
        return name.startsWith("Source: ")
                || name.startsWith("kafka-producer-network-thread")
                || name.startsWith("raw-producer-");
    }

    /**
     * The acknowledged records' rate between 20% and 80% of the expected records (see {@link
     * Progress#steadyRate(List, long)}).
     */
    double steadyRate() {
        checkNotFailed();
        synchronized (samples) {
            return Progress.steadyRate(samples, expected);
        }
    }

    /**
     * CPU nanoseconds the writing threads spent per acknowledged record between 20% and 80% of the
     * expected records, or NaN when the samples did not cover that window.
     */
    double writerCpuNanosPerRecord() {
        return inWindow(ThreadUsage::cpuNanosPerRecordSince);
    }

    /**
     * Bytes the writing threads allocated per acknowledged record in the window of {@link
     * #writerCpuNanosPerRecord}, or NaN.
     */
    double writerAllocatedBytesPerRecord() {
        return inWindow(ThreadUsage::allocatedBytesPerRecordSince);
    }

    /**
     * CPU nanoseconds the whole JVM (writers, broker, Flink) spent per acknowledged record between
     * 20% and 80% of the expected records, or NaN: on a CPU-bound machine the rate follows it.
     */
    double processCpuNanosPerRecord() {
        return inWindow(ThreadUsage::processCpuNanosPerRecordSince);
    }

    private double inWindow(ThreadUsage.PerRecord measure) {
        checkNotFailed();
        synchronized (samples) {
            return windowCovered()
                    ? measure.between(writersTo, writersFrom, cpuToCount - cpuFromCount)
                    : Double.NaN;
        }
    }

    private boolean windowCovered() {
        return writersFrom != null
                && writersTo != null
                && cpuToCount - cpuFromCount >= expected * 0.5;
    }

    private void checkNotFailed() {
        if (failure.get() != null) {
            throw new IllegalStateException("Watching the end offsets failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(15).toMillis());
    }
}
