package io.github.flinkkafkabridge.internal;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer and admin client properties the sink's writers and committer use: the user's
 * properties with the keys the sink controls enforced and bounded defaults filled in. The keys and
 * defaults are listed in {@code KafkaBridgeSinkBuilder}'s javadoc; keep both in step.
 */
public final class ProducerProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerProperties.class);

    /** Default {@code transaction.timeout.ms} for EXACTLY_ONCE: the broker's default maximum. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    /** Default {@code max.block.ms}: how long send/metadata/transaction calls may block. */
    public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(30);

    /** Default {@code delivery.timeout.ms}: how long a record may take to be acknowledged. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Default {@code buffer.memory} (Kafka's is 32 MiB): each record waiting in the producer holds
     * about 250 bytes of heap objects besides its bytes in the buffer, so a buffer full of small
     * records is a large live set that every young collection copies. 8 MiB keeps the pipeline to
     * the brokers full with 128 KiB batches and is raised to twice {@code max.request.size} where
     * that is larger, so that every record the producer accepts fits.
     */
    public static final long DEFAULT_BUFFER_MEMORY_BYTES = 8L * 1024 * 1024;

    /** Property that turns on KIP-939 two-phase commit; the sink keeps it off. */
    public static final String TWO_PHASE_COMMIT_ENABLE = "transaction.two.phase.commit.enable";

    private ProducerProperties() {}

    /**
     * Properties for a non-transactional producer (NONE and AT_LEAST_ONCE).
     *
     * @param clientId used when the user set no {@code client.id}
     */
    public static Properties nonTransactional(Properties user, String clientId) {
        Properties props = common(user, clientId);
        if (props.getProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            LOG.warn(
                    "Ignoring Kafka producer property '{}': only EXACTLY_ONCE uses transactions,"
                            + " and it derives the ids from setTransactionalIdPrefix.",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        return props;
    }

    /**
     * Properties for a transactional producer (EXACTLY_ONCE) with the given transactional id.
     *
     * @param clientId used when the user set no {@code client.id}
     */
    public static Properties transactional(
            Properties user, String transactionalId, String clientId) {
        Properties props = common(user, clientId);
        ClientProperties.enforce(
                props,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                transactionalId,
                "EXACTLY_ONCE derives transactional ids from setTransactionalIdPrefix",
                LOG);
        ClientProperties.enforce(
                props,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                "true",
                "Kafka transactions need the idempotent producer",
                LOG);
        ClientProperties.enforce(
                props, ProducerConfig.ACKS_CONFIG, "all", "Kafka transactions need acks=all", LOG);
        ClientProperties.enforce(
                props,
                TWO_PHASE_COMMIT_ENABLE,
                "false",
                "the sink commits through Flink's checkpoints, and KIP-939 transactions never"
                        + " expire",
                LOG);
        ClientProperties.setIfAbsent(
                props,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return props;
    }

    /** The effective {@code transaction.timeout.ms} of the user's properties. */
    public static long transactionTimeoutMs(Properties user) {
        String value = user.getProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        return value == null
                ? DEFAULT_TRANSACTION_TIMEOUT.toMillis()
                : Long.parseLong(value.trim());
    }

    /** The effective {@code max.block.ms} of the user's properties. */
    public static long maxBlockMs(Properties user) {
        String value = user.getProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        return value == null ? DEFAULT_MAX_BLOCK.toMillis() : Long.parseLong(value.trim());
    }

    /**
     * The {@code buffer.memory} the sink uses when the user set none: {@link
     * #DEFAULT_BUFFER_MEMORY_BYTES}, or twice {@code max.request.size} where that is larger; empty
     * when {@code max.request.size} is not a number, which the producer then reports.
     */
    static OptionalLong bufferMemory(Properties props) {
        String maxRequest = props.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        long maxRequestBytes;
        try {
            maxRequestBytes = maxRequest == null ? 0 : Long.parseLong(maxRequest.trim());
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(DEFAULT_BUFFER_MEMORY_BYTES, 2 * maxRequestBytes));
    }

    /** Properties for an admin client: the user's keys an admin client knows. */
    public static Properties admin(Properties user, String clientId) {
        Set<String> known = AdminClientConfig.configNames();
        Properties props = new Properties();
        for (String key : user.stringPropertyNames()) {
            if (known.contains(key)) {
                props.setProperty(key, user.getProperty(key));
            }
        }
        props.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        ClientProperties.setIfAbsent(
                props,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(DEFAULT_MAX_BLOCK.toMillis()));
        return props;
    }

    private static Properties common(Properties user, @Nullable String clientId) {
        Properties props = ClientProperties.copyOf(user);
        String serializer = ByteArraySerializer.class.getName();
        ClientProperties.enforce(
                props,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                serializer,
                "the record serializer produces bytes",
                LOG);
        ClientProperties.enforce(
                props,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                serializer,
                "the record serializer produces bytes",
                LOG);
        ClientProperties.setIfAbsent(
                props,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(DEFAULT_MAX_BLOCK.toMillis()));
        ClientProperties.setIfAbsent(
                props,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(DEFAULT_DELIVERY_TIMEOUT.toMillis()));
        ClientProperties.setIfAbsent(
                props,
                ProducerConfig.SEND_BUFFER_CONFIG,
                ClientProperties.OS_DEFAULT_SOCKET_BUFFER);
        if (props.getProperty(ProducerConfig.BUFFER_MEMORY_CONFIG) == null) {
            bufferMemory(props)
                    .ifPresent(
                            bytes ->
                                    props.setProperty(
                                            ProducerConfig.BUFFER_MEMORY_CONFIG,
                                            Long.toString(bytes)));
        }
        if (clientId != null) {
            ClientProperties.setIfAbsent(props, ProducerConfig.CLIENT_ID_CONFIG, clientId);
        }
        return props;
    }
}
