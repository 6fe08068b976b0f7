package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {

    @Test
    void noProblemDoesNotThrow() {
        ConfigProblems problems = new ConfigProblems("C");
        problems.requirePresent("value", "option", "setOption")
                .addIf(false, "not added")
                .requireSerializable(null, "callback", "setCallback")
                .requireSerializable("a string", "callback", "setCallback");

        assertThat(problems.isEmpty()).isTrue();
        assertThatCode(problems::throwIfAny).doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsReportedInOrder() {
        ConfigProblems problems =
                new ConfigProblems("KafkaBridgeSource")
                        .missing("bootstrapServers", "setBootstrapServers")
                        .requirePresent(null, "deserializer", "setDeserializer")
                        .add("free-form problem")
                        .addIf(true, "conditional problem");

        assertThat(problems.isEmpty()).isFalse();
        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOfSatisfying(
                        KafkaBridgeConfigException.class,
                        e -> {
                            assertThat(e.problems())
                                    .containsExactly(
                                            "missing required option bootstrapServers"
                                                    + " (setBootstrapServers)",
                                            "missing required option deserializer"
                                                    + " (setDeserializer)",
                                            "free-form problem",
                                            "conditional problem");
                            assertThat(e.getMessage())
                                    .startsWith(
                                            "Invalid KafkaBridgeSource configuration, 4"
                                                    + " problems:");
                        });
    }

    @Test
    void nonSerializableCallbackIsReportedWithOptionSetterAndClass() {
        ConfigProblems problems =
                new ConfigProblems("C")
                        .requireSerializable(
                                new NotSerializable(), "deserializer", "setDeserializer");

        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOfSatisfying(
                        KafkaBridgeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .singleElement()
                                        .asString()
                                        .startsWith(
                                                "deserializer (setDeserializer) is not"
                                                        + " serializable")
                                        .contains(NotSerializable.class.getName())
                                        .contains("NotSerializableException")
                                        .contains("task managers"));
    }

    @Test
    void serializableWrapperWithNonSerializableFieldIsReported() {
        ConfigProblems problems =
                new ConfigProblems("C").requireSerializable(new Holder(), "x", "setX");

        assertThat(problems.isEmpty()).isFalse();
    }

    @Test
    void runtimeExceptionDuringSerializationIsReported() {
        ConfigProblems problems =
                new ConfigProblems("C").requireSerializable(new ThrowsOnWrite(), "x", "setX");

        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOfSatisfying(
                        KafkaBridgeConfigException.class,
                        e -> assertThat(e.problems()).singleElement().asString().contains("boom"));
    }

    private static final class NotSerializable {}

    private static final class Holder implements Serializable {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Object inner = new NotSerializable();
    }

    private static final class ThrowsOnWrite implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(java.io.ObjectOutputStream out) {
            throw new IllegalStateException("boom");
        }
    }
}
