package io.github.flinkkafkabridge.internal;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Collects configuration problems during a builder's {@code build()} so that all of them are
 * reported in one {@link KafkaBridgeConfigException}. Created and used by one thread, per call.
 */
public final class ConfigProblems {

    private final String component;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param component the configured type, used in the message, e.g. {@code "KafkaBridgeSource"}
     */
    public ConfigProblems(String component) {
        this.component = component;
    }

    /** Records a missing required option. */
    public ConfigProblems missing(String option, String setter) {
        problems.add("missing required option " + option + " (" + setter + ")");
        return this;
    }

    /** Records a required option that is absent when {@code value} is null. */
    public ConfigProblems requirePresent(@Nullable Object value, String option, String setter) {
        if (value == null) {
            missing(option, setter);
        }
        return this;
    }

    /** Records a free-form problem; the text must name the option(s) and setter(s) at fault. */
    public ConfigProblems add(String problem) {
        problems.add(problem);
        return this;
    }

    /** Records {@code problem} when {@code condition} holds. */
    public ConfigProblems addIf(boolean condition, String problem) {
        if (condition) {
            problems.add(problem);
        }
        return this;
    }

    /**
     * Records a problem when {@code callback} cannot be Java-serialized: Flink ships user callbacks
     * to the task managers, and a failure there is much harder to trace than one here.
     */
    public ConfigProblems requireSerializable(
            @Nullable Object callback, String option, String setter) {
        if (callback == null) {
            return this;
        }
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(callback);
        } catch (IOException | RuntimeException e) {
            problems.add(
                    option
                            + " ("
                            + setter
                            + ") is not serializable: "
                            + callback.getClass().getName()
                            + " ("
                            + e
                            + "); Flink must ship it to the task managers");
        }
        return this;
    }

    /** Whether any problem has been recorded. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws one exception listing every recorded problem, or returns if there is none. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new KafkaBridgeConfigException(component, problems);
        }
    }
}
