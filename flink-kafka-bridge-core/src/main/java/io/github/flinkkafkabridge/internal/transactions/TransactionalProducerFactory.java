package io.github.flinkkafkabridge.internal.transactions;

import org.apache.kafka.clients.producer.Producer;

/**
 * Creates a writer's transactional producer for one of its transactional ids, with every property
 * the writer needs (serializers, {@code transactional.id}, timeouts); {@code initTransactions()} is
 * left to the caller. Called from the writer's task thread and, for producers made ready ahead of
 * time, from a background thread.
 */
@FunctionalInterface
public interface TransactionalProducerFactory {

    /** Creates a producer for {@code transactionalId}; the caller closes it. */
    Producer<byte[], byte[]> create(String transactionalId);
}
