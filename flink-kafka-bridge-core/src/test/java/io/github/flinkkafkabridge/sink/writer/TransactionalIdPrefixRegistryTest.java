package io.github.flinkkafkabridge.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionalIdPrefixRegistryTest {

    @Test
    void aSecondSinkWithTheSamePrefixInTheSameJobIsRejected() {
        try (var a0 = TransactionalIdPrefixRegistry.register("job-1", "orders", "sink-a");
                var a1 = TransactionalIdPrefixRegistry.register("job-1", "orders", "sink-a")) {
            assertThatThrownBy(
                            () ->
                                    TransactionalIdPrefixRegistry.register(
                                            "job-1", "orders", "sink-b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("job-1")
                    .hasMessageContaining("'orders'")
                    .hasMessageContaining("setTransactionalIdPrefix");
            // Another job, or another prefix, is independent.
            TransactionalIdPrefixRegistry.register("job-2", "orders", "sink-b").close();
            TransactionalIdPrefixRegistry.register("job-1", "payments", "sink-b").close();
        }
        // Once every instance of the first sink closed, the prefix is free.
        var b = TransactionalIdPrefixRegistry.register("job-1", "orders", "sink-b");
        b.close();
        b.close();
        assertThat(TransactionalIdPrefixRegistry.register("job-1", "orders", "sink-c"))
                .satisfies(TransactionalIdPrefixRegistry.Registration::close);
    }
}
