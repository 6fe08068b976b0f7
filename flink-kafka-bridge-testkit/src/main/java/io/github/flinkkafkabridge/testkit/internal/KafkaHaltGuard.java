package io.github.flinkkafkabridge.testkit.internal;

import org.apache.kafka.common.utils.internals.Exit;

/**
 * Keeps a failing broker start from ending the JVM. When the controller cannot bind its port, Kafka
 * treats it as a fatal fault and halts the process ({@code Exit.halt}), which would kill a test JVM
 * and make a retry impossible. While {@link #run} executes, a halt or exit request from Kafka
 * throws {@link HaltRequestedException} instead.
 *
 * <p>Kafka's exit and halt procedures are JVM-wide, so runs are serialized on one lock; when a run
 * ends, both procedures go back to Kafka's defaults. Outside a run Kafka's behaviour is unchanged.
 */
public final class KafkaHaltGuard {

    private static final Object LOCK = new Object();

    private KafkaHaltGuard() {}

    /** Runs {@code action} with Kafka's halt and exit turned into exceptions. */
    public static void run(Runnable action) {
        synchronized (LOCK) {
            Exit.setHaltProcedure(
                    (status, message) -> {
                        throw new HaltRequestedException("halt", status, message);
                    });
            Exit.setExitProcedure(
                    (status, message) -> {
                        throw new HaltRequestedException("exit", status, message);
                    });
            try {
                action.run();
            } finally {
                Exit.resetHaltProcedure();
                Exit.resetExitProcedure();
            }
        }
    }

    /** Kafka asked to halt or exit the JVM while a {@link KafkaHaltGuard#run} was in progress. */
    public static final class HaltRequestedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HaltRequestedException(String kind, int status, @javax.annotation.Nullable String message) {
            super(
                    "Kafka asked to "
                            + kind
                            + " the JVM with status "
                            + status
                            + (message == null ? "" : " (" + message + ")")
                            + "; the cause is in Kafka's ERROR log just before this (logger"
                            + " org.apache.kafka.server.fault.ProcessTerminatingFaultHandler)");
        }
    }
}
