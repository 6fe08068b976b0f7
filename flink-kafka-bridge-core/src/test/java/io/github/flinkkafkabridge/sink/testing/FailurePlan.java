package io.github.flinkkafkabridge.sink.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The failures a test injects into a job running in the test's JVM (MiniCluster), in order; each is
 * injected once, by the first task that reaches its point. Shared through a static registry because
 * Flink serializes the job's functions.
 */
public final class FailurePlan {

    /** Where a failure is injected. */
    public enum Failure {
        /** In the writer, while a transaction is open with records, between two checkpoints. */
        BEFORE_CHECKPOINT,
        /** In the writer's snapshot, after flush and pre-commit, so the checkpoint fails. */
        AFTER_PRE_COMMIT,
        /** After the checkpoint completed, before the committer commits its transactions. */
        AFTER_CHECKPOINT_BEFORE_COMMIT
    }

    private static final Map<String, FailurePlan> PLANS = new ConcurrentHashMap<>();

    private final String key = UUID.randomUUID().toString();
    private final ConcurrentLinkedDeque<Failure> remaining;
    private final AtomicInteger injected = new AtomicInteger();

    private FailurePlan(List<Failure> failures) {
        this.remaining = new ConcurrentLinkedDeque<>(failures);
    }

    /** Registers a plan; pass {@link #key()} to the job's functions. */
    public static FailurePlan of(List<Failure> failures) {
        FailurePlan plan = new FailurePlan(failures);
        PLANS.put(plan.key, plan);
        return plan;
    }

    public static FailurePlan get(String key) {
        return PLANS.get(key);
    }

    public String key() {
        return key;
    }

    /** Claims the next failure if it is {@code failure}; true for exactly one caller. */
    public boolean claim(Failure failure) {
        synchronized (remaining) {
            if (remaining.peekFirst() == failure) {
                remaining.pollFirst();
                injected.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    /** Whether the next failure is {@code failure}. */
    public boolean next(Failure failure) {
        return remaining.peekFirst() == failure;
    }

    /** The failures not injected yet. */
    public List<Failure> remaining() {
        return List.copyOf(remaining);
    }

    /** How many failures were injected. */
    public int injected() {
        return injected.get();
    }

    /** Removes the plan from the registry. */
    public void close() {
        PLANS.remove(key);
    }

    /** The exception a planned failure throws. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InjectedFailure(Failure failure) {
            super("Injected test failure " + failure);
        }
    }
}
