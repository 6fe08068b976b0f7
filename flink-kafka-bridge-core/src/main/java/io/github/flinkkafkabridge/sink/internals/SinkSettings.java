package io.github.flinkkafkabridge.sink.internals;

import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgePartitioner;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import java.io.Serializable;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The validated, immutable configuration of one sink, built by the sink builder and shipped with
 * the sink to the task managers. Holds its own copy of the producer properties and hands out
 * copies.
 *
 * @param <T> the type of the stream elements
 */
public final class SinkSettings<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Properties producerProperties;
    private final DeliveryGuarantee deliveryGuarantee;
    private final KafkaRecordSerializer<? super T> recordSerializer;
    @Nullable private final KafkaBridgePartitioner<? super T> partitioner;
    @Nullable private final String transactionalIdPrefix;
    private final int transactionalIdPoolSize;
    private final SendErrorPolicy sendErrorPolicy;
    private final String sinkId;

    /**
     * Creates the settings; the caller has validated every value.
     *
     * @param producerProperties copied
     * @param sinkId identifies the sink object across restarts of the job (not across builds)
     */
    public SinkSettings(
            Properties producerProperties,
            DeliveryGuarantee deliveryGuarantee,
            KafkaRecordSerializer<? super T> recordSerializer,
            @Nullable KafkaBridgePartitioner<? super T> partitioner,
            @Nullable String transactionalIdPrefix,
            int transactionalIdPoolSize,
            SendErrorPolicy sendErrorPolicy,
            String sinkId) {
        this.producerProperties = ClientProperties.copyOf(producerProperties);
        this.deliveryGuarantee = deliveryGuarantee;
        this.recordSerializer = recordSerializer;
        this.partitioner = partitioner;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.transactionalIdPoolSize = transactionalIdPoolSize;
        this.sendErrorPolicy = sendErrorPolicy;
        this.sinkId = sinkId;
    }

    /** A copy of the user's producer properties (bootstrap servers included). */
    public Properties producerProperties() {
        return ClientProperties.copyOf(producerProperties);
    }

    /** The bootstrap servers. */
    public String bootstrapServers() {
        return producerProperties.getProperty("bootstrap.servers");
    }

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    public KafkaRecordSerializer<? super T> recordSerializer() {
        return recordSerializer;
    }

    @Nullable
    public KafkaBridgePartitioner<? super T> partitioner() {
        return partitioner;
    }

    /** The transactional id prefix; set for {@code EXACTLY_ONCE}. */
    @Nullable
    public String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    public int transactionalIdPoolSize() {
        return transactionalIdPoolSize;
    }

    public SendErrorPolicy sendErrorPolicy() {
        return sendErrorPolicy;
    }

    /** A random id given to the sink by {@code build()}, kept across job restarts. */
    public String sinkId() {
        return sinkId;
    }

    @Override
    public String toString() {
        return "SinkSettings{deliveryGuarantee="
                + deliveryGuarantee
                + ", transactionalIdPrefix="
                + transactionalIdPrefix
                + ", transactionalIdPoolSize="
                + transactionalIdPoolSize
                + ", sendErrorPolicy="
                + sendErrorPolicy
                + ", recordSerializer="
                + recordSerializer
                + ", producerProperties="
                + ClientProperties.redacted(producerProperties)
                + "}";
    }
}
