package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionRecoveryTest {

    private static KafkaCommittable committable(String id) {
        return new KafkaCommittable(id, new ProducerSession(1, (short) 0, true));
    }

    @Test
    void aFreshStartChecksTheOwnIdsOnly() {
        TransactionRecovery.Plan plan =
                TransactionRecovery.plan(new TransactionalIdPool("p", 2, 1, 2), List.of());

        assertThat(plan.idsToCheck()).containsExactly("p-2-1-0", "p-2-1-1");
        assertThat(plan.restoredPending()).isEmpty();
    }

    @Test
    void restoredStatesAddTheirPendingTransactionsAndForeignIdSpaces() {
        TransactionalIdPool pool = new TransactionalIdPool("p", 2, 1, 2);
        KafkaCommittable own = committable("p-2-1-2");
        KafkaCommittable rescaled = committable("p-4-3-0");
        KafkaCommittable otherWriter = committable("p-2-0-0");

        TransactionRecovery.Plan plan =
                TransactionRecovery.plan(
                        pool,
                        List.of(
                                // Own id space with a larger pool: its extra ids are checked too.
                                new KafkaWriterState("p", 2, 1, 3, List.of(own)),
                                // An earlier parallelism: all its ids, nobody reuses them.
                                new KafkaWriterState("p", 4, 3, 2, List.of(rescaled)),
                                // A running writer's own ids: it recovers them itself.
                                new KafkaWriterState("p", 2, 0, 2, List.of(otherWriter))));

        assertThat(plan.restoredPending()).containsOnlyKeys("p-2-1-2", "p-4-3-0");
        assertThat(plan.idsToCheck())
                .containsExactly("p-4-3-0", "p-4-3-1", "p-2-1-0", "p-2-1-1", "p-2-1-2");
    }
}
