package io.github.flinkkafkabridge.internal.transactions;

import io.github.flinkkafkabridge.config.KafkaBridgeConfigException;
import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at EXACTLY_ONCE start that {@code transaction.timeout.ms} fits the broker's {@code
 * transaction.max.timeout.ms} and exceeds the checkpoint interval: a transaction stays open for at
 * least one checkpoint interval, and the broker aborts it (losing its records) after the timeout.
 * Used by the sink's writers and the source's EXACTLY_ONCE dead-letter writer; stateless.
 */
public final class TransactionTimeoutCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionTimeoutCheck.class);

    static final String BROKER_MAX_TIMEOUT = "transaction.max.timeout.ms";

    private TransactionTimeoutCheck() {}

    /**
     * The problems with the given values, each naming the setting to change; empty when fine.
     *
     * @param timeoutSetter how the user sets the transaction timeout, quoted in the problems, e.g.
     *     {@code setProperty} or {@code setDeadLetterTransactionTimeout}
     * @param brokerMaxMs the broker's {@code transaction.max.timeout.ms}, if known
     * @param checkpointIntervalMs the job's checkpoint interval, or a value &lt;= 0 when unknown or
     *     checkpointing is off
     */
    static List<String> problems(
            long transactionTimeoutMs,
            OptionalLong brokerMaxMs,
            long checkpointIntervalMs,
            String timeoutSetter) {
        List<String> problems = new ArrayList<>();
        if (brokerMaxMs.isPresent() && transactionTimeoutMs > brokerMaxMs.getAsLong()) {
            problems.add(
                    "transaction.timeout.ms is "
                            + transactionTimeoutMs
                            + " ms but the broker's transaction.max.timeout.ms is "
                            + brokerMaxMs.getAsLong()
                            + " ms: lower transaction.timeout.ms ("
                            + timeoutSetter
                            + ") to at most "
                            + brokerMaxMs.getAsLong()
                            + " ms, or raise transaction.max.timeout.ms on the brokers");
        }
        if (checkpointIntervalMs > 0 && transactionTimeoutMs <= checkpointIntervalMs) {
            problems.add(
                    "transaction.timeout.ms is "
                            + transactionTimeoutMs
                            + " ms, not more than the checkpoint interval of "
                            + checkpointIntervalMs
                            + " ms: transactions would be aborted by the broker before their"
                            + " checkpoint completes. Raise transaction.timeout.ms ("
                            + timeoutSetter
                            + ") well above the checkpoint interval plus the time a restart takes,"
                            + " or shorten the checkpoint interval"
                            + " (execution.checkpointing.interval)");
        }
        return problems;
    }

    /**
     * Reads the broker limit through {@code admin} and throws when a problem is found. When the
     * broker setting cannot be read (no permission to describe configs), warns and checks the
     * checkpoint interval only.
     *
     * @param component the component named in the exception, e.g. {@code KafkaBridgeSink}
     * @param timeoutSetter how the user sets the transaction timeout, see {@link #problems}
     * @param client the admin client's role, named when the cluster rejects its credentials
     * @param bootstrapServers the cluster, named when it rejects the credentials
     * @throws KafkaBridgeConfigException naming the settings to change
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException when the cluster
     *     rejects the credentials: nothing after this check could work either
     */
    public static void check(
            Admin admin,
            long transactionTimeoutMs,
            long checkpointIntervalMs,
            Duration timeout,
            String component,
            String timeoutSetter,
            String client,
            String bootstrapServers)
            throws InterruptedException {
        OptionalLong brokerMax = OptionalLong.empty();
        try {
            Collection<Node> nodes =
                    admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!nodes.isEmpty()) {
                ConfigResource broker =
                        new ConfigResource(
                                ConfigResource.Type.BROKER,
                                Integer.toString(nodes.iterator().next().id()));
                Map<ConfigResource, Config> configs =
                        admin.describeConfigs(List.of(broker))
                                .all()
                                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                ConfigEntry entry = configs.get(broker).get(BROKER_MAX_TIMEOUT);
                if (entry != null && entry.value() != null) {
                    brokerMax = OptionalLong.of(Long.parseLong(entry.value()));
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            AuthenticationFailures.rethrowIfAuthentication(e, client, bootstrapServers);
            LOG.warn(
                    "Could not read the brokers' {} to check transaction.timeout.ms ({} ms)"
                            + " against it: {}",
                    BROKER_MAX_TIMEOUT,
                    transactionTimeoutMs,
                    e.toString());
        }
        List<String> problems =
                problems(transactionTimeoutMs, brokerMax, checkpointIntervalMs, timeoutSetter);
        if (!problems.isEmpty()) {
            throw new KafkaBridgeConfigException(component, problems);
        }
    }
}
