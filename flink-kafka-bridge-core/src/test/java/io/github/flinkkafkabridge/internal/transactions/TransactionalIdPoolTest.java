package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionalIdPoolTest {

    private static KafkaCommittable committable(String id, long pid) {
        return new KafkaCommittable(id, new ProducerSession(pid, (short) 0, true));
    }

    @Test
    void idsEncodePrefixParallelismSubtaskAndSlot() {
        TransactionalIdPool pool = new TransactionalIdPool("job.a", 4, 2, 3);
        assertThat(pool.transactionalId(0)).isEqualTo("job.a-4-2-0");
        assertThat(pool.slotOf("job.a-4-2-2")).isEqualTo(2);
        assertThat(pool.slotOf("job.a-4-2-3")).isEqualTo(-1);
        assertThat(pool.slotOf("job.a-4-1-0")).isEqualTo(-1);
        assertThat(pool.slotOf("job.a-2-2-0")).isEqualTo(-1);
        assertThat(TransactionalIdPool.parallelismOf("job.a", "job.a-4-2-0")).isEqualTo(4);
        assertThat(TransactionalIdPool.parallelismOf("job.a", "job.b-4-2-0")).isEqualTo(-1);
        assertThat("job.a-12-3-4").matches(TransactionalIdPool.idPattern("job.a"));
        assertThat("jobxa-12-3-4").doesNotMatch(TransactionalIdPool.idPattern("job.a"));
        assertThat("job.a-12-3-4-5").doesNotMatch(TransactionalIdPool.idPattern("job.a"));
    }

    @Test
    void takesTheLowestFreeSlotAndNeverAPendingOne() {
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 3);
        assertThat(pool.takeFree()).hasValue(0);
        pool.handOff(0, committable("p-1-0-0", 1));
        assertThat(pool.takeFree()).hasValue(1);
        pool.handOff(1, committable("p-1-0-1", 2));
        assertThat(pool.takeFree()).hasValue(2);
        pool.handOff(2, committable("p-1-0-2", 3));

        assertThat(pool.takeFree()).isEmpty();
        assertThat(pool.pendingSlots()).extracting(s -> s.slot).containsExactly(0, 1, 2);

        pool.release(1);
        assertThat(pool.pendingCommittables())
                .extracting(KafkaCommittable::transactionalId)
                .containsExactly("p-1-0-0", "p-1-0-2");
        assertThat(pool.takeFree()).hasValue(1);
        assertThat(pool.takeFree()).isEmpty();
    }

    @Test
    void restoredPendingSlotsAreNotTakenUntilReleased() {
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 2);
        pool.restorePending(0, committable("p-1-0-0", 9));
        assertThat(pool.pending(0).restored).isTrue();
        assertThat(pool.takeFree()).hasValue(1);
        pool.releaseCurrent(1);
        assertThat(pool.takeFree()).hasValue(1);
        pool.release(0);
        assertThat(pool.takeFree()).hasValue(0);
    }

    @Test
    void prefersAFreeSlotThatIsReadyElseTakesTheLowest() {
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 4);
        pool.handOff(pool.takeFree().getAsInt(), committable("p-1-0-0", 1));

        assertThat(pool.takeFree(slot -> slot == 2)).hasValue(2);
        assertThat(pool.isFree(2)).isFalse();
        assertThat(pool.takeFree(slot -> slot == 0)).as("slot 0 is pending").hasValue(1);
        assertThat(pool.takeFree(slot -> false)).hasValue(3);
        assertThat(pool.takeFree(slot -> true)).isEmpty();
    }

    @Test
    void tellsWhetherASlotHoldsARestoredTransaction() {
        TransactionalIdPool pool = new TransactionalIdPool("p", 1, 0, 2);
        pool.handOff(pool.takeFree().getAsInt(), committable("p-1-0-0", 1));
        assertThat(pool.hasRestoredPending()).isFalse();

        pool.restorePending(1, committable("p-1-0-1", 2));
        assertThat(pool.hasRestoredPending()).isTrue();
        pool.release(1);
        assertThat(pool.hasRestoredPending()).isFalse();
    }
}
