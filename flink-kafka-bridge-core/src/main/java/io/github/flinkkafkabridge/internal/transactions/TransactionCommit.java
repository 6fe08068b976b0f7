package io.github.flinkkafkabridge.internal.transactions;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one prepared transaction and tells a fresh commit from one that an earlier attempt had
 * already completed. Shared by the sink's committer and the source's EXACTLY_ONCE dead-letter
 * writer, so both read the broker's answers the same way. Stateless.
 */
public final class TransactionCommit {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCommit.class);

    private TransactionCommit() {}

    /**
     * Commits the transaction {@code producer} is in: the producer that wrote it, or a new one
     * resumed to the transaction's producer id and epoch.
     *
     * <p>A fenced commit ({@code ProducerFencedException}, {@code InvalidProducerEpochException},
     * {@code InvalidPidMappingException}) means the id's epoch moved on: only after this
     * transaction was finished (committed by an earlier attempt; writers never reuse an id before
     * that) or aborted by the broker after {@code transaction.timeout.ms}, which writers report as
     * data loss. It is logged and reported as already completed.
     *
     * @return true when this call committed the transaction, false when it had been completed
     * @throws org.apache.kafka.common.KafkaException any other error of the commit, retriable ones
     *     included
     */
    public static boolean commit(Producer<byte[], byte[]> producer, KafkaCommittable committable) {
        try {
            producer.commitTransaction();
            return true;
        } catch (ProducerFencedException
                | InvalidProducerEpochException
                | InvalidPidMappingException e) {
            LOG.warn(
                    "Transaction {} was already completed before this commit (an earlier attempt"
                            + " committed it, or the broker aborted it after"
                            + " transaction.timeout.ms): {}",
                    committable,
                    e.toString());
            return false;
        }
    }
}
