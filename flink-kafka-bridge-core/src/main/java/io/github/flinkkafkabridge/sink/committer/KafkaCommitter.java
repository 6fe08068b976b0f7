package io.github.flinkkafkabridge.sink.committer;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.TransactionCommit;
import io.github.flinkkafkabridge.metrics.SinkCommitterMetrics;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.internals.TransactionHandoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the Kafka transactions the EXACTLY_ONCE writers prepared, when Flink's checkpoint that
 * recorded them completes, and again after a restore from that checkpoint.
 *
 * <p>Each commit uses a new producer with the transaction's id, resumed to the recorded producer id
 * and epoch through {@link KafkaTransactionInternals}, then {@code commitTransaction()}; the same
 * path serves the normal commit and the commit after a restart, so the hard case runs at every
 * checkpoint. A repeated commit of a committed transaction succeeds; a fenced commit means the id
 * moved on after the transaction was committed by an earlier attempt and is reported as already
 * committed (see {@link TransactionCommit}). Retriable errors are retried by Flink ({@code
 * sink.committer.retries}); any other error fails the job.
 *
 * <p>Rejected credentials are not retried: the commit fails at once, caused by a {@link
 * KafkaBridgeAuthenticationException}.
 *
 * <p>Created by the committer operator; {@link #commit} runs on its task thread.
 */
public final class KafkaCommitter implements Committer<KafkaCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommitter.class);

    /** The client named in messages about rejected credentials. */
    static final String CLIENT = "the KafkaBridgeSink committer's producer";

    private final Properties userProperties;
    private final String bootstrapServers;
    private final Function<Properties, KafkaProducer<byte[], byte[]>> producers;
    private final SinkCommitterMetrics metrics;

    public KafkaCommitter(SinkSettings<?> settings, SinkCommitterMetrics metrics) {
        this(settings, KafkaProducer::new, metrics);
    }

    KafkaCommitter(
            SinkSettings<?> settings,
            Function<Properties, KafkaProducer<byte[], byte[]>> producers,
            SinkCommitterMetrics metrics) {
        this.userProperties = settings.producerProperties();
        this.bootstrapServers = settings.bootstrapServers();
        this.producers = producers;
        this.metrics = metrics;
    }

    @Override
    public void commit(Collection<CommitRequest<KafkaCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<KafkaCommittable> request : requests) {
            commit(request);
        }
    }

    private void commit(CommitRequest<KafkaCommittable> request) {
        KafkaCommittable committable = request.getCommittable();
        String id = committable.transactionalId();
        Producer<byte[], byte[]> handedOff =
                TransactionHandoff.claimForCommit(id, committable.session());
        Producer<byte[], byte[]> producer = handedOff;
        boolean committed = false;
        try {
            if (producer == null) {
                KafkaTransactionInternals.checkSupported();
                KafkaProducer<byte[], byte[]> resumed =
                        producers.apply(
                                ProducerProperties.transactional(
                                        userProperties, id, id + "-committer"));
                producer = resumed;
                KafkaTransactionInternals.resume(resumed, committable.session());
            }
            if (TransactionCommit.commit(producer, committable)) {
                committed = true;
                metrics.onTransactionCommitted();
                LOG.debug(
                        "Committed {}{}",
                        committable,
                        handedOff == null ? " (resumed)" : " (writer's producer)");
            } else {
                request.signalAlreadyCommitted();
            }
        } catch (RetriableException e) {
            LOG.warn(
                    "Retriable error committing {} at {} (attempt {}): {}",
                    committable,
                    bootstrapServers,
                    request.getNumberOfRetries() + 1,
                    e.toString());
            request.retryLater();
        } catch (KafkaException | IllegalStateException e) {
            KafkaBridgeAuthenticationException authentication =
                    AuthenticationFailures.explain(e, CLIENT + " '" + id + "'", bootstrapServers);
            request.signalFailedWithUnknownReason(
                    new IOException(
                            "Could not commit Kafka transaction "
                                    + committable
                                    + " at "
                                    + bootstrapServers
                                    + ": "
                                    + (authentication != null ? authentication.getMessage() : e),
                            authentication != null ? authentication : e));
        } finally {
            if (handedOff != null) {
                TransactionHandoff.afterCommit(id, committable.session(), committed);
            } else if (producer != null) {
                producer.close(Duration.ZERO);
            }
        }
    }

    @Override
    public void close() {}
}
