package io.github.flinkkafkabridge.sink.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TransactionTimeoutCheckTest {

    @Test
    void acceptsATimeoutWithinTheBrokerMaximumAndAboveTheInterval() {
        assertThat(
                        TransactionTimeoutCheck.problems(
                                600_000, OptionalLong.of(900_000), 10_000, "setProperty"))
                .isEmpty();
        assertThat(
                        TransactionTimeoutCheck.problems(
                                600_000, OptionalLong.empty(), -1, "setProperty"))
                .isEmpty();
    }

    @Test
    void aTimeoutAboveTheBrokerMaximumNamesBothSettings() {
        List<String> problems =
                TransactionTimeoutCheck.problems(
                        3_600_000, OptionalLong.of(900_000), 10_000, "setProperty");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .contains("transaction.timeout.ms is 3600000 ms")
                .contains("transaction.max.timeout.ms is 900000 ms")
                .contains("setProperty");
    }

    @Test
    void aTimeoutNotAboveTheCheckpointIntervalNamesBothSettings() {
        List<String> problems =
                TransactionTimeoutCheck.problems(
                        60_000,
                        OptionalLong.of(900_000),
                        60_000,
                        "setDeadLetterTransactionTimeout");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .contains("checkpoint interval of 60000 ms")
                .contains("execution.checkpointing.interval")
                .contains("transaction.timeout.ms (setDeadLetterTransactionTimeout)");
    }
}
