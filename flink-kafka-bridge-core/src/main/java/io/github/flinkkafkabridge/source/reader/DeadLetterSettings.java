package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a source writes dead letters: the topic, the delivery guarantee and, for {@code
 * EXACTLY_ONCE}, the transactional id prefix and timeout, plus the connection settings taken from
 * the consumer. Built and validated by {@code KafkaBridgeSourceBuilder}; immutable and
 * serializable, shipped with the source to every reader, which builds its Kafka client properties
 * from it.
 */
public final class DeadLetterSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final DeliveryGuarantee deliveryGuarantee;
    @Nullable private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Properties connectionProperties;
    private final String clientIdPrefix;
    private final Duration maxBlock;
    private final String sourceId;

    /**
     * Creates the settings; the caller has validated every value.
     *
     * @param deliveryGuarantee {@code AT_LEAST_ONCE} or {@code EXACTLY_ONCE}
     * @param transactionalIdPrefix required for {@code EXACTLY_ONCE}, ignored otherwise
     * @param consumerProperties the source's consumer properties; the keys a producer knows are
     *     kept (connection and security settings), copied
     * @param maxBlock how long a producer call may block ({@code max.block.ms})
     * @param sourceId identifies the source object across restarts of the job (not across builds)
     */
    public DeadLetterSettings(
            String topic,
            DeliveryGuarantee deliveryGuarantee,
            @Nullable String transactionalIdPrefix,
            Duration transactionTimeout,
            Properties consumerProperties,
            String clientIdPrefix,
            Duration maxBlock,
            String sourceId) {
        if (deliveryGuarantee == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException("Dead letters are written at least once");
        }
        if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE && transactionalIdPrefix == null) {
            throw new IllegalArgumentException("EXACTLY_ONCE dead letters need an id prefix");
        }
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deliveryGuarantee = deliveryGuarantee;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionTimeout = transactionTimeout;
        this.connectionProperties =
                ClientProperties.onlyKeysOf(consumerProperties, ProducerConfig.configNames());
        this.clientIdPrefix = clientIdPrefix;
        this.maxBlock = maxBlock;
        this.sourceId = sourceId;
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }

    /** {@code AT_LEAST_ONCE} or {@code EXACTLY_ONCE}. */
    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    /** Whether dead letters are written in Kafka transactions. */
    public boolean isExactlyOnce() {
        return deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** The transactional id prefix; null unless {@code EXACTLY_ONCE}. */
    @Nullable
    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    /** The {@code transaction.timeout.ms} of the dead-letter transactions. */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /** How long a producer or admin call may block. */
    public Duration maxBlock() {
        return maxBlock;
    }

    /** Identifies the source across restarts, for the transactional id prefix registry. */
    public String sourceId() {
        return sourceId;
    }

    /** The bootstrap servers, for messages. */
    public String bootstrapServers() {
        return connectionProperties.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "?");
    }

    /**
     * The idempotent producer of {@code AT_LEAST_ONCE} dead letters of one reader: the consumer's
     * connection settings, acknowledged by all in-sync replicas, blocking at most {@link
     * #maxBlock()}.
     */
    Properties atLeastOnceProducer(int subtask) {
        Properties props = ClientProperties.copyOf(connectionProperties);
        props.setProperty(
                ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-dead-letters-" + subtask);
        props.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        props.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        props.setProperty(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.setProperty(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * The transactional producer of one id, with the sink's transactional settings (see {@link
     * ProducerProperties#transactional}) and the dead letters' transaction timeout.
     */
    Properties transactionalProducer(String transactionalId) {
        return ProducerProperties.transactional(
                transactionalBase(), transactionalId, clientIdPrefix + "-" + transactionalId);
    }

    /** The admin client a reader uses to recover its transactions at start. */
    Properties admin(int subtask) {
        return ProducerProperties.admin(
                transactionalBase(), clientIdPrefix + "-dead-letters-admin-" + subtask);
    }

    private Properties transactionalBase() {
        Properties props = ClientProperties.copyOf(connectionProperties);
        props.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlock.toMillis()));
        props.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(transactionTimeout.toMillis()));
        return props;
    }

    @Override
    public String toString() {
        return "dead letters to '"
                + topic
                + "' "
                + deliveryGuarantee.name()
                + (transactionalIdPrefix == null
                        ? ""
                        : " (prefix '"
                                + transactionalIdPrefix
                                + "', timeout "
                                + transactionTimeout
                                + ")");
    }
}
