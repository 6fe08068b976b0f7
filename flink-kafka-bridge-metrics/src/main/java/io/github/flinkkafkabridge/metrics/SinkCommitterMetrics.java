package io.github.flinkkafkabridge.metrics;

import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.SINK_GROUP;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.TRANSACTIONS_COMMITTED;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The metrics of the sink's committer, which commits the Kafka transactions of completed
 * checkpoints: {@link KafkaBridgeMetric#TRANSACTIONS_COMMITTED}. Registered under {@value
 * KafkaBridgeMetric#SINK_GROUP} in the committer's operator group.
 */
public final class SinkCommitterMetrics {

    private final Counter transactionsCommitted;

    private SinkCommitterMetrics(MetricGroup committerGroup) {
        this.transactionsCommitted =
                committerGroup
                        .addGroup(SINK_GROUP)
                        .counter(
                                TRANSACTIONS_COMMITTED.metricName(), new ThreadSafeSimpleCounter());
    }

    /** Registers the committer metrics in the committer's operator group. */
    public static SinkCommitterMetrics register(MetricGroup committerGroup) {
        return new SinkCommitterMetrics(committerGroup);
    }

    /** A Kafka transaction was committed. */
    public void onTransactionCommitted() {
        transactionsCommitted.inc();
    }

    /** Transactions committed so far. */
    public long transactionsCommitted() {
        return transactionsCommitted.getCount();
    }
}
