package io.github.flinkkafkabridge.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.internal.transactions.TransactionalProducerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fake Kafka for the unit tests of the EXACTLY_ONCE writers (the sink's and the dead-letter one):
 * a {@link KafkaClientFactory} whose producers are {@link MockProducer}s kept in creation order
 * with their transactional id, whose admin clients describe transactions from {@link #broker},
 * whose producer sessions get increasing producer ids on the protocol {@link #transactionV2} names,
 * and whose resumed transactions record their commits in {@link #resumed}.
 *
 * <p>The fields are the test's knobs and records; one instance per test, used from the test thread.
 */
public final class FakeTransactionalKafka implements KafkaClientFactory {

    /** Per transactional id, what the fake broker describes; absent: never seen. */
    public final Map<String, TransactionDescription> broker = new HashMap<>();

    /** Producers created for writing or aborting, in order, with their transactional id. */
    public final List<Map.Entry<String, MockProducer<byte[], byte[]>>> producers =
            new ArrayList<>();

    /** Transactions resumed and committed, in order. */
    public final List<KafkaCommittable> resumed = new ArrayList<>();

    /** Whether the fake broker runs transaction protocol 2 (epoch bumped at every commit). */
    public boolean transactionV2 = true;

    /** Whether new producers complete their sends at once. */
    public boolean autoComplete = true;

    /** What new producers' {@code initTransactions()} throws; null: nothing. */
    @Nullable public RuntimeException initTransactionsError;

    /** Whether the coordinator answers a resumed commit as fenced (the id's epoch moved on). */
    public boolean fenceResumedCommits;

    private long nextProducerId = 100;

    /** How the fake broker describes a transaction with the committable's producer id. */
    public static TransactionDescription state(
            TransactionState state, KafkaCommittable c, int epochDelta) {
        return state(state, c.session().producerId(), (short) (c.session().epoch() + epochDelta));
    }

    /** How the fake broker describes the committable's transaction. */
    public static TransactionDescription state(TransactionState state, KafkaCommittable c) {
        return state(state, c, 0);
    }

    /** How the fake broker describes a transaction of the given producer id and epoch. */
    public static TransactionDescription state(
            TransactionState state, long producerId, short epoch) {
        return new TransactionDescription(
                0, state, producerId, epoch, 60_000, OptionalLong.empty(), Set.of());
    }

    /** The producer created {@code index}-th. */
    public MockProducer<byte[], byte[]> producer(int index) {
        return producers.get(index).getValue();
    }

    /** Creates producers for transactional ids, as a writer's own factory does. */
    public TransactionalProducerFactory transactionalProducers() {
        return id -> {
            Properties properties = new Properties();
            properties.setProperty("transactional.id", id);
            return createProducer(properties);
        };
    }

    @Override
    public Producer<byte[], byte[]> createProducer(Properties properties) {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactionException = initTransactionsError;
        producers.add(Map.entry(properties.getProperty("transactional.id"), producer));
        return producer;
    }

    @Override
    public Producer<byte[], byte[]> resumeTransaction(
            Properties properties, ProducerSession session) {
        KafkaCommittable c =
                new KafkaCommittable(properties.getProperty("transactional.id"), session);
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public void commitTransaction() {
                        if (fenceResumedCommits) {
                            throw new ProducerFencedException("epoch moved on");
                        }
                        super.commitTransaction();
                        resumed.add(c);
                        broker.put(c.transactionalId(), state(TransactionState.COMPLETE_COMMIT, c));
                    }
                };
        producer.initTransactions();
        producer.beginTransaction();
        return producer;
    }

    @Override
    public Admin createAdmin(Properties properties) {
        Admin admin = mock(Admin.class);
        when(admin.describeTransactions(any())).thenAnswer(call -> describe());
        return admin;
    }

    @Override
    public ProducerSession sessionOf(Producer<byte[], byte[]> producer) {
        return new ProducerSession(nextProducerId++, (short) 0, transactionV2);
    }

    private DescribeTransactionsResult describe() {
        DescribeTransactionsResult result = mock(DescribeTransactionsResult.class);
        when(result.description(anyString()))
                .thenAnswer(
                        call -> {
                            TransactionDescription d = broker.get((String) call.getArgument(0));
                            if (d != null) {
                                return KafkaFuture.completedFuture(d);
                            }
                            KafkaFutureImpl<TransactionDescription> missing =
                                    new KafkaFutureImpl<>();
                            missing.completeExceptionally(
                                    new TransactionalIdNotFoundException("unknown"));
                            return missing;
                        });
        return result;
    }
}
