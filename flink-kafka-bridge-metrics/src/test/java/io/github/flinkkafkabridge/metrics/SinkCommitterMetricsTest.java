package io.github.flinkkafkabridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SinkCommitterMetricsTest {

    @Test
    void countsCommittedTransactionsUnderTheSinkGroup() {
        TestMetricGroup group = new TestMetricGroup();
        SinkCommitterMetrics metrics = SinkCommitterMetrics.register(group);

        metrics.onTransactionCommitted();
        metrics.onTransactionCommitted();

        assertThat(metrics.transactionsCommitted()).isEqualTo(2);
        assertThat(group.count("KafkaBridgeSink.transactionsCommitted")).isEqualTo(2);
    }
}
