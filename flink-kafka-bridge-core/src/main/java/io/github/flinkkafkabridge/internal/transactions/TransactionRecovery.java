package io.github.flinkkafkabridge.internal.transactions;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an EXACTLY_ONCE writer instance does at start about the transactions earlier attempts left
 * behind: which transactional ids to look at, which restored transactions the checkpoint recorded,
 * how the broker describes the ids, and how a leftover transaction is aborted. Used by the sink's
 * EXACTLY_ONCE writer and the source's EXACTLY_ONCE dead-letter writer, which differ only in who
 * commits the recorded transactions. Stateless; called from the writer's task thread.
 */
public final class TransactionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRecovery.class);

    private TransactionRecovery() {}

    /**
     * Works out, from a writer's own pool and the writer states it restored, which ids may hold a
     * transaction of an earlier attempt and which restored transactions may still need committing.
     *
     * <p>The ids are the writer's own slots (as many as the largest pool of its own id space) plus
     * every id of a restored state of another prefix or parallelism: nobody reuses those in this
     * run. A restored state of the same prefix and parallelism but another subtask belongs to
     * another running writer instance, which recovers it; it is ignored.
     */
    public static Plan plan(TransactionalIdPool pool, Collection<KafkaWriterState> restored) {
        String prefix = pool.prefix();
        Map<String, KafkaCommittable> pending = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        int ownSlots = pool.poolSize();
        for (KafkaWriterState state : restored) {
            boolean sameIdSpace =
                    state.transactionalIdPrefix().equals(prefix)
                            && state.parallelism() == pool.parallelism();
            if (sameIdSpace && state.subtaskIndex() != pool.subtaskIndex()) {
                LOG.warn("Ignoring restored transaction state of another writer: {}", state);
                continue;
            }
            for (KafkaCommittable c : state.pending()) {
                pending.put(c.transactionalId(), c);
            }
            if (sameIdSpace) {
                ownSlots = Math.max(ownSlots, state.poolSize());
                continue;
            }
            for (int slot = 0; slot < state.poolSize(); slot++) {
                ids.add(
                        TransactionalIdPool.transactionalId(
                                state.transactionalIdPrefix(),
                                state.parallelism(),
                                state.subtaskIndex(),
                                slot));
            }
        }
        for (int slot = 0; slot < ownSlots; slot++) {
            ids.add(
                    TransactionalIdPool.transactionalId(
                            prefix, pool.parallelism(), pool.subtaskIndex(), slot));
        }
        return new Plan(ids, pending);
    }

    /**
     * How the broker describes each id; ids the broker does not know are left out.
     *
     * @param client the admin client's role, named when the cluster rejects its credentials
     * @param bootstrapServers named in errors
     * @throws IOException when the broker cannot describe an id within {@code timeout}
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException when the cluster
     *     rejects the credentials
     */
    public static Map<String, TransactionDescription> describe(
            Admin admin,
            Collection<String> ids,
            Duration timeout,
            String client,
            String bootstrapServers)
            throws IOException, InterruptedException {
        Map<String, TransactionDescription> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        DescribeTransactionsResult described = admin.describeTransactions(ids);
        Map<String, KafkaFuture<TransactionDescription>> futures = new HashMap<>();
        for (String id : ids) {
            futures.put(id, described.description(id));
        }
        for (Map.Entry<String, KafkaFuture<TransactionDescription>> e : futures.entrySet()) {
            try {
                result.put(e.getKey(), e.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException ex) {
                AuthenticationFailures.rethrowIfAuthentication(
                        ex.getCause(), client, bootstrapServers);
                if (!(ex.getCause() instanceof TransactionalIdNotFoundException)) {
                    throw new IOException(
                            "Could not describe transaction '"
                                    + e.getKey()
                                    + "' at "
                                    + bootstrapServers
                                    + ": "
                                    + ex.getCause(),
                            ex.getCause());
                }
            } catch (java.util.concurrent.TimeoutException ex) {
                throw new IOException(
                        "Timed out after "
                                + timeout.toMillis()
                                + " ms describing transaction '"
                                + e.getKey()
                                + "' at "
                                + bootstrapServers
                                + ": check that the brokers are reachable and that"
                                + " security.protocol (setProperty) matches their listener",
                        ex);
            }
        }
        return result;
    }

    /**
     * Aborts the transaction left open on {@code transactionalId}: a new producer's {@code
     * initTransactions()} fences the earlier producers of the id and aborts their transaction.
     *
     * @param producers creates the transactional producer for the id
     * @param producerClient the producers' role, named with the id when the cluster rejects the
     *     credentials
     * @param bootstrapServers named in errors
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException when the cluster
     *     rejects the credentials
     */
    public static void abort(
            TransactionalProducerFactory producers,
            String transactionalId,
            String producerClient,
            String bootstrapServers)
            throws IOException {
        Producer<byte[], byte[]> producer = null;
        try {
            producer = producers.create(transactionalId);
            producer.initTransactions();
            LOG.info("Aborted transaction {} left open by an earlier attempt", transactionalId);
        } catch (KafkaException e) {
            throw TransactionalProducerFailures.failure(
                    e,
                    "Could not abort the transaction left open on transactional id",
                    transactionalId,
                    producerClient,
                    bootstrapServers,
                    "");
        } finally {
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
        }
    }

    /** The outcome of {@link #plan}. */
    public static final class Plan {
        private final Set<String> idsToCheck;
        private final Map<String, KafkaCommittable> restoredPending;

        Plan(Set<String> idsToCheck, Map<String, KafkaCommittable> restoredPending) {
            this.idsToCheck = idsToCheck;
            this.restoredPending = restoredPending;
        }

        /** The ids that may hold a transaction an earlier attempt left open, own slots last. */
        public Set<String> idsToCheck() {
            return idsToCheck;
        }

        /** The restored transactions that may still need committing, by transactional id. */
        public Map<String, KafkaCommittable> restoredPending() {
            return restoredPending;
        }
    }
}
