package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionalIdPrefixRegistryTest {

    private static final String SINK = "KafkaBridgeSink";
    private static final String SETTER = "setTransactionalIdPrefix";

    @Test
    void aSecondSinkWithTheSamePrefixInTheSameJobIsRejected() {
        try (var a0 =
                        TransactionalIdPrefixRegistry.register(
                                "job-1", "orders", "sink-a", SINK, SETTER);
                var a1 =
                        TransactionalIdPrefixRegistry.register(
                                "job-1", "orders", "sink-a", SINK, SETTER)) {
            assertThatThrownBy(
                            () ->
                                    TransactionalIdPrefixRegistry.register(
                                            "job-1", "orders", "sink-b", SINK, SETTER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("job-1")
                    .hasMessageContaining("'orders'")
                    .hasMessageContaining("Two KafkaBridgeSinks (setTransactionalIdPrefix)");
            // A source's dead letters collide with a sink the same way, naming both setters.
            assertThatThrownBy(
                            () ->
                                    TransactionalIdPrefixRegistry.register(
                                            "job-1",
                                            "orders",
                                            "source-x",
                                            "KafkaBridgeSource",
                                            "setDeadLetterTransactionalIdPrefix"))
                    .hasMessageContaining(
                            "A KafkaBridgeSink (setTransactionalIdPrefix) and a KafkaBridgeSource"
                                    + " (setDeadLetterTransactionalIdPrefix)");
            // Another job, or another prefix, is independent.
            TransactionalIdPrefixRegistry.register("job-2", "orders", "sink-b", SINK, SETTER)
                    .close();
            TransactionalIdPrefixRegistry.register("job-1", "payments", "sink-b", SINK, SETTER)
                    .close();
        }
        // Once every instance of the first sink closed, the prefix is free.
        var b = TransactionalIdPrefixRegistry.register("job-1", "orders", "sink-b", SINK, SETTER);
        b.close();
        b.close();
        assertThat(
                        TransactionalIdPrefixRegistry.register(
                                "job-1", "orders", "sink-c", SINK, SETTER))
                .satisfies(TransactionalIdPrefixRegistry.Registration::close);
    }
}
