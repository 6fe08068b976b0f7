package io.github.flinkkafkabridge.testkit.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Static helpers to look into cause chains and to describe exceptions in messages. */
public final class Exceptions {

    private Exceptions() {}

    /**
     * Whether {@code type} appears anywhere in the cause chain of {@code error} (itself included).
     */
    public static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        // The visited count guards against cause cycles, which some libraries build.
        Throwable current = error;
        for (int depth = 0; current != null && depth < 100; depth++) {
            if (type.isInstance(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    /**
     * The cause of an {@link ExecutionException} or {@link CompletionException}, else the error.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** {@code "SimpleClassName: message"}, or the class name alone when there is no message. */
    public static String describe(Throwable error) {
        Throwable unwrapped = unwrap(error);
        String message = unwrapped.getMessage();
        String name = unwrapped.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
