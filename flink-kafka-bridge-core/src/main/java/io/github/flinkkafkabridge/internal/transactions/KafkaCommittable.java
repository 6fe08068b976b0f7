package io.github.flinkkafkabridge.internal.transactions;

import java.util.Objects;

/**
 * A prepared Kafka transaction handed from the writer to the committer: the transactional id plus
 * the producer id and epoch the coordinator knows it by. The source's EXACTLY_ONCE dead-letter
 * writer records its prepared transactions the same way. Immutable; stored in Flink checkpoints
 * through {@link KafkaCommittableSerializer}.
 */
public final class KafkaCommittable {

    private final String transactionalId;
    private final ProducerSession session;

    public KafkaCommittable(String transactionalId, ProducerSession session) {
        this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
        this.session = Objects.requireNonNull(session, "session");
    }

    public String transactionalId() {
        return transactionalId;
    }

    public ProducerSession session() {
        return session;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaCommittable
                && transactionalId.equals(((KafkaCommittable) o).transactionalId)
                && session.equals(((KafkaCommittable) o).session);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionalId, session);
    }

    @Override
    public String toString() {
        return transactionalId
                + "(producerId="
                + session.producerId()
                + ", epoch="
                + session.epoch()
                + (session.transactionV2() ? ", tv2" : "")
                + ")";
    }
}
