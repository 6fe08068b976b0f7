package io.github.flinkkafkabridge.sink.committer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaTransactionInternals;
import io.github.flinkkafkabridge.internal.transactions.ProducerSession;
import io.github.flinkkafkabridge.metrics.SinkCommitterMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.internals.TransactionHandoff;
import io.github.flinkkafkabridge.sink.testing.RecordingCommitRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How commit outcomes are reported to Flink; the real commit is in KafkaBridgeSinkFailureIT. */
class KafkaCommitterTest {

    private final List<String> committedIds = new ArrayList<>();
    private final List<ProducerSession> resumedSessions = new ArrayList<>();

    private KafkaCommitter committer(@Nullable RuntimeException commitError) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        SinkSettings<String> settings =
                new SinkSettings<>(
                        props,
                        DeliveryGuarantee.EXACTLY_ONCE,
                        KafkaRecordSerializer.utf8String("t"),
                        null,
                        "p",
                        5,
                        SendErrorPolicy.fail(),
                        "id");
        return new KafkaCommitter(
                settings,
                producerProps ->
                        new KafkaProducer<byte[], byte[]>(producerProps) {
                            @Override
                            public void commitTransaction() {
                                resumedSessions.add(KafkaTransactionInternals.session(this));
                                if (commitError != null) {
                                    throw commitError;
                                }
                                committedIds.add(producerProps.getProperty("transactional.id"));
                            }
                        },
                committerMetrics);
    }

    private final MetricListener metricListener = new MetricListener();
    private final SinkCommitterMetrics committerMetrics =
            SinkCommitterMetrics.register(metricListener.getMetricGroup());

    private final KafkaCommittable committable =
            new KafkaCommittable("p-1-0-3", new ProducerSession(77L, (short) 5, true));

    @Test
    void commitsTheResumedTransaction() throws Exception {
        RecordingCommitRequest request = new RecordingCommitRequest(committable);
        committer(null).commit(List.of(request));

        assertThat(committedIds).containsExactly("p-1-0-3");
        assertThat(resumedSessions).containsExactly(committable.session());
        assertThat(request.outcome).isNull();
        assertThat(
                        metricListener
                                .getCounter("KafkaBridgeSink", "transactionsCommitted")
                                .orElseThrow()
                                .getCount())
                .isEqualTo(1);
    }

    @Test
    void commitsWithTheWritersProducerWhenHandedOverAndGivesItBack() throws Exception {
        MockProducer<byte[], byte[]> writers =
                new MockProducer<>(
                        true, null, new ByteArraySerializer(), new ByteArraySerializer());
        writers.initTransactions();
        writers.beginTransaction();
        TransactionHandoff.handOff("p-1-0-3", committable.session(), writers);
        RecordingCommitRequest request = new RecordingCommitRequest(committable);

        committer(null).commit(List.of(request));

        assertThat(writers.transactionCommitted()).isTrue();
        assertThat(resumedSessions).as("no producer resumed").isEmpty();
        assertThat(request.outcome).isNull();
        assertThat(TransactionHandoff.takeReturned("p-1-0-3", committable.session()))
                .isSameAs(writers);
    }

    @Test
    void aFencedCommitIsReportedAsAlreadyCommitted() throws Exception {
        RecordingCommitRequest request = new RecordingCommitRequest(committable);
        committer(new ProducerFencedException("fenced")).commit(List.of(request));
        assertThat(request.outcome).isEqualTo("alreadyCommitted");
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        RecordingCommitRequest request = new RecordingCommitRequest(committable);
        committer(new TimeoutException("slow")).commit(List.of(request));
        assertThat(request.outcome).isEqualTo("retryLater");
    }

    @Test
    void rejectedCredentialsFailAtOnceNamingServersAndSettings() throws Exception {
        RecordingCommitRequest request = new RecordingCommitRequest(committable);
        committer(new SaslAuthenticationException("Invalid username or password"))
                .commit(List.of(request));

        assertThat(request.outcome).isEqualTo("failed");
        assertThat(request.failure)
                .hasMessageContaining("p-1-0-3(producerId=77, epoch=5")
                .hasMessageContaining(
                        "Authentication failed: Kafka at 127.0.0.1:1 rejected the credentials of"
                                + " the KafkaBridgeSink committer's producer 'p-1-0-3'")
                .hasMessageContaining("sasl.jaas.config")
                .cause()
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void anyOtherErrorFailsNamingTheTransaction() throws Exception {
        for (KafkaException error :
                List.of(new InvalidTxnStateException("bad state"), new KafkaException("boom"))) {
            RecordingCommitRequest request = new RecordingCommitRequest(committable);
            committer(error).commit(List.of(request));
            assertThat(request.outcome).isEqualTo("failed");
            assertThat(request.failure)
                    .hasMessageContaining("p-1-0-3(producerId=77, epoch=5")
                    .hasMessageContaining("127.0.0.1:1")
                    .hasMessageContaining(error.getMessage());
        }
    }
}
