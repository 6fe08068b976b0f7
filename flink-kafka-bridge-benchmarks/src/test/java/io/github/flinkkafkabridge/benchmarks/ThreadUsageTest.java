package io.github.flinkkafkabridge.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadUsageTest {

    private static final String NAME = "thread-usage-test-worker";

    /** CPU time the worker burns: ten of the process clock's 10 ms ticks. */
    private static final long BUSY_NANOS = 100_000_000;

    @Test
    void countsWhatTheNamedThreadsAllocateAndTheJvmSpendsBetweenSnapshots() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        byte[][] kept = new byte[1000][];
        Thread worker =
                new Thread(
                        () -> {
                            try {
                                started.countDown();
                                go.await();
                                for (int i = 0; i < kept.length; i++) {
                                    kept[i] = new byte[10_000];
                                }
                                spinFor(BUSY_NANOS);
                                done.countDown();
                                exit.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        NAME);
        worker.start();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            ThreadUsage before = ThreadUsage.of(NAME::equals);
            ThreadUsage others = ThreadUsage.of("no-such-thread"::equals);
            go.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            ThreadUsage after = ThreadUsage.of(NAME::equals);

            // 1,000 arrays of 10,000 bytes for 1,000 "records": at least 10,000 bytes each.
            assertThat(after.allocatedBytesPerRecordSince(before, 1000))
                    .isBetween(10_000.0, 12_000.0);
            double workerNanos = after.cpuNanosPerRecordSince(before, 1000);
            assertThat(workerNanos).isGreaterThanOrEqualTo(BUSY_NANOS / 1000.0);
            assertThat(others.cpuNanos()).isZero();
            assertThat(others.allocatedBytes()).isZero();
            // The worker was blocked while the snapshots were taken, so the JVM ran at least its
            // work, less two ticks of the process clock.
            assertThat(after.processCpuNanosPerRecordSince(before, 1000))
                    .isGreaterThanOrEqualTo(workerNanos - 20_000_000 / 1000.0);
        } finally {
            exit.countDown();
            worker.join();
        }
    }

    private static void spinFor(long cpuNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpuNanos;
        while (threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }
}
