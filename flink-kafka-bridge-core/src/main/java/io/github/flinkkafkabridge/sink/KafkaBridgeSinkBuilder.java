package io.github.flinkkafkabridge.sink;

import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.internal.ConfigProblems;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.internals.TopicNames;
import io.github.flinkkafkabridge.sink.internals.TopicValueRecordSerializer;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a {@link KafkaBridgeSink}. Setters check their own argument at once and may be called in
 * any order; {@link #build()} checks everything together and reports all problems in one {@link
 * io.github.flinkkafkabridge.config.KafkaBridgeConfigException} naming each option and its setter.
 *
 * <p>Required:
 *
 * <ul>
 *   <li>{@link #setBootstrapServers(String)};
 *   <li>what to write, either {@link #setRecordSerializer(KafkaRecordSerializer)} (full control of
 *       topic, key, value, headers, partition and timestamp), or {@link #setTopic(String)} / {@link
 *       #setTopicSelector(KafkaTopicSelector)} with {@link
 *       #setValueSerializer(SerializationSchema)} and optionally {@link
 *       #setKeySerializer(SerializationSchema)};
 *   <li>for {@code EXACTLY_ONCE}: {@link #setTransactionalIdPrefix(String)}, unique per sink and
 *       job on the cluster.
 * </ul>
 *
 * <p>Optional, with defaults:
 *
 * <ul>
 *   <li>{@link #setDeliveryGuarantee(DeliveryGuarantee)}: {@code AT_LEAST_ONCE} (a sink that may
 *       lose data must be asked for);
 *   <li>{@link #setTransactionalIdPoolSize(int)}: {@value #DEFAULT_TRANSACTIONAL_ID_POOL_SIZE} ids
 *       per writer instance;
 *   <li>{@link #setPartitioner(KafkaBridgePartitioner)}: Kafka's default partitioner;
 *   <li>{@link #setSendErrorPolicy(SendErrorPolicy)}: {@link SendErrorPolicy#fail()};
 *   <li>{@link #setProperty(String, String)} / {@link #setProperties(Properties)}: any Kafka
 *       producer property, passed through except the keys below.
 * </ul>
 *
 * <p>Producer properties the sink controls (a different value set by the user is overridden with a
 * warning in the log):
 *
 * <ul>
 *   <li>{@code key.serializer}, {@code value.serializer}: {@code ByteArraySerializer};
 *   <li>{@code transactional.id}: derived from the prefix for {@code EXACTLY_ONCE}, removed
 *       otherwise;
 *   <li>{@code enable.idempotence=true}, {@code acks=all}, {@code
 *       transaction.two.phase.commit.enable=false}: for {@code EXACTLY_ONCE}. With {@code
 *       AT_LEAST_ONCE}, {@code acks=0} is rejected by {@code build()}.
 * </ul>
 *
 * <p>Defaults the sink sets when the user did not, so that failures surface in bounded time: {@code
 * max.block.ms=30000} (metadata of a missing topic, an unreachable broker, transaction calls),
 * {@code delivery.timeout.ms=60000} (acknowledgements), and for {@code EXACTLY_ONCE} {@code
 * transaction.timeout.ms=900000} (the broker's default {@code transaction.max.timeout.ms}; an
 * {@code EXACTLY_ONCE} writer checks at start that it fits the broker's maximum and exceeds the
 * checkpoint interval). {@code client.id} defaults to a name with the subtask index.
 *
 * <p>{@code buffer.memory} defaults to 8 MiB (Kafka's default is 32 MiB), or twice {@code
 * max.request.size} where that is larger. Every record waiting in the producer holds about 250
 * bytes of heap objects besides its bytes in the buffer, so 32 MiB of small records is a live set
 * of tens of megabytes that each young garbage collection copies; 8 MiB still keeps the brokers
 * busy with 128 KiB batches, and a full buffer blocks the writer, which is Flink's backpressure.
 * Set {@code buffer.memory} for links with a large bandwidth-delay product. {@code
 * send.buffer.bytes} defaults to {@code -1} (the operating system's socket buffer, which Linux
 * sizes to the traffic) instead of Kafka's fixed 128 KiB, so a produce request of a megabyte leaves
 * in fewer steps.
 *
 * <p>Batching: when the record serializer names its topics ({@link
 * io.github.flinkkafkabridge.serde.KafkaRecordSerializer#topics()}, as the built-in serializers and
 * {@link #setTopic} do) and neither {@code batch.size} nor {@code linger.ms} is set, each writer
 * reads the topics' {@code max.message.bytes} (the dead-letter topic's included) when its first
 * producer starts, and uses {@code batch.size=131072} (128 KiB instead of Kafka's 16 KiB) and
 * {@code linger.ms=1} (instead of 5), with the batch size lowered to the smallest limit where a
 * topic allows less. A busy writer then fills large batches, because records gather while earlier
 * requests are in flight, and the brokers spend much less CPU per record; a writer that is not busy
 * sends a record after at most 1 ms. Batches stay within every topic's limit, so the broker never
 * rejects one for its size. The price is about half a millisecond of mean latency at a moderate,
 * steady rate, where Kafka's 16 KiB batches fill and leave at once while larger ones wait for
 * {@code linger.ms}: for the lowest latency rather than the highest throughput, set {@code
 * batch.size=16384} (and {@code linger.ms}). Where the topics are chosen per element or their
 * limits cannot be read (no {@code DescribeConfigs} permission, for instance), Kafka's defaults
 * apply; the writer logs which batching it chose.
 *
 * <p>Security settings ({@code security.protocol}, {@code sasl.mechanism}, {@code
 * sasl.jaas.config}, {@code ssl.*}) are ordinary properties and reach every client of the sink:
 * producers, admin clients and the committer. Credentials the brokers reject fail the job at once
 * with a {@link io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException} naming the
 * servers and the settings to check; such a failure is never dead-lettered. Secret values never
 * appear in messages, logs or {@code toString()}.
 *
 * <p>{@code build()} does not change the builder and can be called again; the sink keeps its own
 * copy of the properties. Not thread-safe.
 *
 * @param <T> the type of the stream elements
 */
public final class KafkaBridgeSinkBuilder<T> {

    /** Default number of transactional ids per writer instance for {@code EXACTLY_ONCE}. */
    public static final int DEFAULT_TRANSACTIONAL_ID_POOL_SIZE = 5;

    private static final String COMPONENT = "KafkaBridgeSink";

    @Nullable private String bootstrapServers;
    @Nullable private KafkaRecordSerializer<? super T> recordSerializer;
    @Nullable private String topic;
    @Nullable private KafkaTopicSelector<? super T> topicSelector;
    @Nullable private SerializationSchema<? super T> valueSerializer;
    @Nullable private SerializationSchema<? super T> keySerializer;
    @Nullable private KafkaBridgePartitioner<? super T> partitioner;
    private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    @Nullable private String transactionalIdPrefix;
    private int transactionalIdPoolSize = DEFAULT_TRANSACTIONAL_ID_POOL_SIZE;
    private SendErrorPolicy sendErrorPolicy = SendErrorPolicy.fail();
    private final Properties properties = new Properties();
    private KafkaClientFactory clients = KafkaClientFactory.DEFAULT;

    KafkaBridgeSinkBuilder() {}

    /**
     * Sets the Kafka bootstrap servers, e.g. {@code "broker-1:9092,broker-2:9092"}. Required.
     *
     * @param bootstrapServers a comma-separated list of host:port, not blank
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = requireNotBlank(bootstrapServers, "bootstrapServers");
        return this;
    }

    /**
     * Sets the serializer that turns each element into a Kafka record (topic, key, value, headers,
     * partition, timestamp). Excludes the topic and key/value serializer shortcuts.
     *
     * @param recordSerializer a serializable serializer, e.g. {@link
     *     KafkaRecordSerializer#utf8String(String)}
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setRecordSerializer(
            KafkaRecordSerializer<? super T> recordSerializer) {
        this.recordSerializer = Objects.requireNonNull(recordSerializer, "recordSerializer");
        return this;
    }

    /**
     * Writes every element to one topic; use with {@link #setValueSerializer}. Excludes {@link
     * #setTopicSelector} and {@link #setRecordSerializer}.
     *
     * @param topic a legal topic name
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setTopic(String topic) {
        this.topic = TopicNames.requireValid(topic);
        return this;
    }

    /**
     * Chooses each element's topic; use with {@link #setValueSerializer}. Excludes {@link
     * #setTopic} and {@link #setRecordSerializer}.
     *
     * @param topicSelector a serializable selector
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setTopicSelector(KafkaTopicSelector<? super T> topicSelector) {
        this.topicSelector = Objects.requireNonNull(topicSelector, "topicSelector");
        return this;
    }

    /**
     * Serializes each element into the record value; the record gets the element's timestamp. Needs
     * {@link #setTopic} or {@link #setTopicSelector}.
     *
     * @param valueSerializer a Flink serialization schema, e.g. {@code new SimpleStringSchema()}
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setValueSerializer(
            SerializationSchema<? super T> valueSerializer) {
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        return this;
    }

    /**
     * Serializes each element into the record key (default: no key). Needs {@link
     * #setValueSerializer}.
     *
     * @param keySerializer a Flink serialization schema
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setKeySerializer(
            SerializationSchema<? super T> keySerializer) {
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        return this;
    }

    /**
     * Chooses the partition of records whose serializer left it unset (default: Kafka's default
     * partitioner, by key hash).
     *
     * @param partitioner a serializable partitioner, e.g. {@link KafkaBridgePartitioner#fixed()}
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setPartitioner(KafkaBridgePartitioner<? super T> partitioner) {
        this.partitioner = Objects.requireNonNull(partitioner, "partitioner");
        return this;
    }

    /**
     * Sets the delivery guarantee (default {@code AT_LEAST_ONCE}); see {@link KafkaBridgeSink} for
     * what each costs. {@code NONE} may lose records on failure.
     *
     * @param deliveryGuarantee the guarantee
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
        this.deliveryGuarantee = Objects.requireNonNull(deliveryGuarantee, "deliveryGuarantee");
        return this;
    }

    /**
     * Sets the prefix of the transactional ids; required for {@code EXACTLY_ONCE}, ignored
     * otherwise. It must be unique per sink across all jobs on the Kafka cluster and stay the same
     * across restarts of the job: on restore, the sink commits and aborts the transactions of ids
     * with this prefix. Ids are {@code <prefix>-<parallelism>-<subtask>-<n>}.
     *
     * @param transactionalIdPrefix not blank
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setTransactionalIdPrefix(String transactionalIdPrefix) {
        this.transactionalIdPrefix =
                requireNotBlank(transactionalIdPrefix, "transactionalIdPrefix");
        return this;
    }

    /**
     * Sets how many transactional ids each writer instance uses (default {@value
     * #DEFAULT_TRANSACTIONAL_ID_POOL_SIZE}), so a job uses at most parallelism times this many ids.
     * An id is reused only after its previous transaction is committed, so the pool must cover the
     * transactions waiting for a checkpoint to complete: at least the number of concurrent
     * checkpoints plus two, and the checkpoints that fail in a row (their transactions wait for the
     * next completed checkpoint). When all ids are busy the writer waits at most {@code
     * max.block.ms}, then fails; the job restarts from its last completed checkpoint, which commits
     * or aborts every pending transaction, so nothing is lost or duplicated.
     *
     * @param poolSize at least 2
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setTransactionalIdPoolSize(int poolSize) {
        if (poolSize < 2) {
            throw new IllegalArgumentException(
                    "transactionalIdPoolSize must be at least 2, was " + poolSize);
        }
        this.transactionalIdPoolSize = poolSize;
        return this;
    }

    /**
     * Sets what happens to a record Kafka rejects (default {@link SendErrorPolicy#fail()}).
     *
     * @param sendErrorPolicy the policy; dead-lettering is not available with {@code EXACTLY_ONCE}
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setSendErrorPolicy(SendErrorPolicy sendErrorPolicy) {
        this.sendErrorPolicy = Objects.requireNonNull(sendErrorPolicy, "sendErrorPolicy");
        return this;
    }

    /**
     * Sets a Kafka producer property, passed through unless the sink controls the key (see the
     * class documentation).
     *
     * @param key a producer config key
     * @param value its value
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setProperty(String key, String value) {
        properties.setProperty(
                requireNotBlank(key, "property key"),
                Objects.requireNonNull(value, "value of property " + key));
        return this;
    }

    /**
     * Sets every string entry of {@code props} as with {@link #setProperty}; entries set before and
     * not in {@code props} are kept.
     *
     * @param props producer properties; copied
     * @return this builder
     */
    public KafkaBridgeSinkBuilder<T> setProperties(Properties props) {
        Objects.requireNonNull(props, "props");
        for (String key : props.stringPropertyNames()) {
            setProperty(key, props.getProperty(key));
        }
        return this;
    }

    /** Replaces the Kafka client factory; for tests with fake clients. */
    KafkaBridgeSinkBuilder<T> setClientFactory(KafkaClientFactory clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
        return this;
    }

    /**
     * Checks all options and builds the sink.
     *
     * @return a new, immutable sink
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeConfigException listing every problem
     */
    public KafkaBridgeSink<T> build() {
        ConfigProblems problems = new ConfigProblems(COMPONENT);
        Properties props = ClientProperties.copyOf(properties);

        String fromProps = props.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrapServers == null && fromProps == null) {
            problems.missing("bootstrapServers", "setBootstrapServers");
        } else if (bootstrapServers != null
                && fromProps != null
                && !bootstrapServers.equals(fromProps)) {
            problems.add(
                    "conflicting bootstrap servers: setBootstrapServers(\""
                            + bootstrapServers
                            + "\") and setProperty(\"bootstrap.servers\", \""
                            + fromProps
                            + "\"); set one");
        } else if (bootstrapServers != null) {
            props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }

        KafkaRecordSerializer<? super T> serializer = serializer(problems);

        problems.requireSerializable(recordSerializer, "recordSerializer", "setRecordSerializer");
        problems.requireSerializable(topicSelector, "topicSelector", "setTopicSelector");
        problems.requireSerializable(valueSerializer, "valueSerializer", "setValueSerializer");
        problems.requireSerializable(keySerializer, "keySerializer", "setKeySerializer");
        problems.requireSerializable(partitioner, "partitioner", "setPartitioner");

        boolean exactlyOnce = deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE;
        if (exactlyOnce && transactionalIdPrefix == null) {
            problems.add(
                    "missing required option transactionalIdPrefix (setTransactionalIdPrefix):"
                            + " EXACTLY_ONCE needs a transactional id prefix unique to this sink");
        }
        problems.addIf(
                exactlyOnce && sendErrorPolicy.isDeadLetter(),
                "sendErrorPolicy "
                        + sendErrorPolicy
                        + " (setSendErrorPolicy) conflicts with deliveryGuarantee EXACTLY_ONCE"
                        + " (setDeliveryGuarantee): a rejected record aborts the whole Kafka"
                        + " transaction, so it cannot be dead-lettered; use SendErrorPolicy.fail()"
                        + " or AT_LEAST_ONCE");
        problems.addIf(
                deliveryGuarantee == DeliveryGuarantee.AT_LEAST_ONCE
                        && "0".equals(trimmed(props.getProperty(ProducerConfig.ACKS_CONFIG))),
                "property acks=0 (setProperty) conflicts with deliveryGuarantee AT_LEAST_ONCE"
                        + " (setDeliveryGuarantee): without acknowledgements records can be lost;"
                        + " use acks=1 or all, or DeliveryGuarantee.NONE");
        checkPositiveLong(props, ProducerConfig.MAX_BLOCK_MS_CONFIG, "ms", problems);
        checkPositiveLong(props, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "ms", problems);
        checkPositiveLong(props, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "ms", problems);
        checkPositiveLong(props, ProducerConfig.BUFFER_MEMORY_CONFIG, "bytes", problems);
        checkPositiveLong(props, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "bytes", problems);
        problems.throwIfAny();

        SinkSettings<T> settings =
                new SinkSettings<>(
                        props,
                        deliveryGuarantee,
                        serializer,
                        partitioner,
                        exactlyOnce ? transactionalIdPrefix : null,
                        transactionalIdPoolSize,
                        sendErrorPolicy,
                        UUID.randomUUID().toString());
        return new KafkaBridgeSink<>(settings, clients);
    }

    @Nullable
    private KafkaRecordSerializer<? super T> serializer(ConfigProblems problems) {
        boolean shortcut =
                topic != null
                        || topicSelector != null
                        || valueSerializer != null
                        || keySerializer != null;
        if (recordSerializer != null) {
            if (shortcut) {
                problems.add(
                        "conflicting options: recordSerializer (setRecordSerializer) decides topic,"
                                + " key and value itself; do not also call"
                                + shortcutSetters());
            }
            return recordSerializer;
        }
        if (!shortcut) {
            problems.missing(
                    "recordSerializer",
                    "setRecordSerializer, or setTopic/setTopicSelector with setValueSerializer");
            return null;
        }
        if (topic != null && topicSelector != null) {
            problems.add(
                    "conflicting options: topic (setTopic) and topicSelector (setTopicSelector);"
                            + " set one");
        } else if (topic == null && topicSelector == null) {
            problems.missing("topic", "setTopic or setTopicSelector");
        }
        if (valueSerializer == null) {
            problems.missing("valueSerializer", "setValueSerializer");
        }
        if (valueSerializer == null || (topic == null) == (topicSelector == null)) {
            return null;
        }
        KafkaTopicSelector<? super T> topics =
                topic != null ? new TopicValueRecordSerializer.FixedTopic<>(topic) : topicSelector;
        return new TopicValueRecordSerializer<T>(topics, valueSerializer, keySerializer);
    }

    private String shortcutSetters() {
        StringBuilder setters = new StringBuilder();
        if (topic != null) {
            setters.append(" setTopic");
        }
        if (topicSelector != null) {
            setters.append(" setTopicSelector");
        }
        if (valueSerializer != null) {
            setters.append(" setValueSerializer");
        }
        if (keySerializer != null) {
            setters.append(" setKeySerializer");
        }
        return setters.toString();
    }

    private static void checkPositiveLong(
            Properties props, String key, String unit, ConfigProblems problems) {
        String value = trimmed(props.getProperty(key));
        if (value == null) {
            return;
        }
        try {
            if (Long.parseLong(value) <= 0) {
                problems.add("property " + key + "=" + value + " (setProperty) must be positive");
            }
        } catch (NumberFormatException e) {
            problems.add(
                    "property " + key + "=" + value + " (setProperty) is not a number of " + unit);
        }
    }

    @Nullable
    private static String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
    }

    private static String requireNotBlank(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    /** Used by tests of {@code ProducerProperties} defaults. */
    static long defaultTransactionTimeoutMs() {
        return ProducerProperties.DEFAULT_TRANSACTION_TIMEOUT.toMillis();
    }
}
