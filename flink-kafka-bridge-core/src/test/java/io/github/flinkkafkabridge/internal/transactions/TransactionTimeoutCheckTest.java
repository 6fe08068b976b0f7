package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
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
    void rejectedCredentialsFailTheCheckNamingServersAndSettings() {
        Admin admin = failingAdmin(new SaslAuthenticationException("Invalid username or password"));

        assertThatThrownBy(() -> check(admin))
                .isInstanceOf(KafkaBridgeAuthenticationException.class)
                .hasMessageContaining(
                        "Authentication failed: Kafka at broker-1:9093 rejected the credentials of"
                                + " the KafkaBridgeSink writer's admin client")
                .hasMessageContaining("sasl.jaas.config");
    }

    @Test
    void anUnreadableBrokerLimitOnlySkipsThatPartOfTheCheck() throws Exception {
        check(failingAdmin(new TimeoutException("no answer")));
    }

    private static void check(Admin admin) throws InterruptedException {
        TransactionTimeoutCheck.check(
                admin,
                60_000,
                10_000,
                Duration.ofSeconds(1),
                "KafkaBridgeSink",
                "setProperty",
                "the KafkaBridgeSink writer's admin client",
                "broker-1:9093");
    }

    private static Admin failingAdmin(RuntimeException error) {
        KafkaFutureImpl<Collection<Node>> nodes = new KafkaFutureImpl<>();
        nodes.completeExceptionally(error);
        DescribeClusterResult cluster = mock(DescribeClusterResult.class);
        when(cluster.nodes()).thenReturn(nodes);
        Admin admin = mock(Admin.class);
        when(admin.describeCluster()).thenReturn(cluster);
        return admin;
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
