package io.github.flinkkafkabridge.source;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.internal.ConfigProblems;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.enumerator.TopicSubscription;
import io.github.flinkkafkabridge.source.reader.DeadLetterSettings;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link KafkaBridgeSource}. Setters check their own argument at once and may be called in
 * any order; {@link #build()} checks how the options fit together and reports every problem in one
 * {@link io.github.flinkkafkabridge.config.KafkaBridgeConfigException} that names each option and
 * its setter. The builder can be reused: {@code build()} copies everything it takes.
 *
 * <h2>Required</h2>
 *
 * <ul>
 *   <li>{@link #setBootstrapServers}: the Kafka cluster (or {@code bootstrap.servers} through
 *       {@link #setProperty});
 *   <li>exactly one of {@link #setTopics}, {@link #setTopicPattern} or {@link #setPartitions};
 *   <li>a deserializer: {@link #setDeserializer} or {@link #setValueOnlyDeserializer}.
 * </ul>
 *
 * <h2>Optional, with defaults</h2>
 *
 * <ul>
 *   <li>{@link #setStartingOffsets}: {@link StartingOffsets#earliest()}; a restored job always
 *       resumes from its checkpoint;
 *   <li>{@link #setBounded} / {@link #setUnbounded}: unbounded, never stopping;
 *   <li>{@link #setGroupId}: none; with a group id the source commits the offsets of each completed
 *       checkpoint to the group ({@link #setCommitOffsetsOnCheckpoint}, default on) and can start
 *       from {@link StartingOffsets#committed()};
 *   <li>{@link #setPartitionDiscoveryInterval}: {@value #DEFAULT_DISCOVERY_INTERVAL_SECONDS} s for
 *       an unbounded source, {@link Duration#ZERO} turns discovery off; a bounded source discovers
 *       once;
 *   <li>{@link #setMetadataTimeout}: {@value #DEFAULT_METADATA_TIMEOUT_SECONDS} s, the bound of
 *       every metadata request (topic listing, offsets lookup) and of a blocking offset commit;
 *   <li>{@link #setRateLimit} or {@link #setRateLimiterStrategy}: no limit;
 *   <li>{@link #setClientIdPrefix}: a random prefix; readers use {@code <prefix>-<subtask>};
 *   <li>{@link #setBadRecordPolicy}: {@link BadRecordPolicy#fail()}, a record the deserializer
 *       rejects fails the job;
 *   <li>{@link #setDeadLetterDeliveryGuarantee}: {@code AT_LEAST_ONCE}; with {@code EXACTLY_ONCE}
 *       (which needs {@link #setDeadLetterTransactionalIdPrefix}) dead letters are written in Kafka
 *       transactions committed with the checkpoints, and {@link #setDeadLetterTransactionTimeout}
 *       (default 15 min) bounds them;
 *   <li>{@link #setMetricsEnabled}: on; the read rate, lag and backlog metrics of {@link
 *       io.github.flinkkafkabridge.metrics.KafkaBridgeMetric} for every reader.
 * </ul>
 *
 * <h2>Kafka consumer properties</h2>
 *
 * Any consumer property passes through {@link #setProperty}. The source controls these keys and
 * logs a warning when it overrides a value you set: {@code key.deserializer} and {@code
 * value.deserializer} (raw bytes; decoding is the {@link KafkaRecordDeserializer}'s job), {@code
 * enable.auto.commit} ({@code false}: offsets are committed on checkpoints) and {@code client.id}
 * ({@code <prefix>-<subtask>}, where a {@code client.id} you set serves as the prefix unless {@link
 * #setClientIdPrefix} is given). {@code auto.offset.reset} defaults to {@code earliest}: it applies
 * only when a position was deleted by retention while the job read it, and then the source
 * continues at the oldest record left instead of jumping to the end; set {@code none} to fail
 * instead. {@code isolation.level} keeps Kafka's default ({@code read_uncommitted}); set {@code
 * read_committed} to read only committed transactions. {@code max.poll.records} defaults to {@value
 * #DEFAULT_MAX_POLL_RECORDS} instead of Kafka's 500: each poll's records cross from the fetcher
 * thread to the task thread in one hand-over, and bigger hand-overs cut the source's CPU per record
 * by about a fifth when it has a backlog (see the README's benchmarks). It does not add latency (a
 * poll returns what has arrived) and little memory: a poll returns only records already fetched,
 * which {@code fetch.max.bytes} and {@code max.partition.fetch.bytes} bound. {@code
 * receive.buffer.bytes} defaults to {@code -1} (the operating system's socket buffer, which Linux
 * sizes to the traffic) instead of Kafka's fixed 64 KiB: fetch responses of a megabyte then arrive
 * in fewer steps, about a tenth less CPU per record for the source's threads in the README's
 * benchmarks.
 *
 * <p>Security settings ({@code security.protocol}, {@code sasl.mechanism}, {@code
 * sasl.jaas.config}, {@code ssl.*}) are ordinary properties and reach every client of the source:
 * the enumerator's admin client, the readers' consumers and the dead-letter producers. Credentials
 * the brokers reject fail the job at once with a {@link
 * io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException} naming the servers and the
 * settings to check. Secret values never appear in messages, logs or {@code toString()}.
 *
 * @param <T> the element type
 */
public final class KafkaBridgeSourceBuilder<T> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBridgeSourceBuilder.class);

    /** Default period of partition discovery of an unbounded source, in seconds. */
    public static final long DEFAULT_DISCOVERY_INTERVAL_SECONDS = 30;

    /** Default bound of metadata requests, in seconds. */
    public static final long DEFAULT_METADATA_TIMEOUT_SECONDS = 60;

    /**
     * Default {@code max.poll.records} of the readers' consumers: records handed from the fetcher
     * thread to the task thread at once.
     */
    public static final int DEFAULT_MAX_POLL_RECORDS = 2000;

    /** How long one poll waits for records; a wake-up ends it early. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private static final String COMPONENT = "KafkaBridgeSource";

    @Nullable private String bootstrapServers;
    @Nullable private List<String> topics;
    @Nullable private Pattern topicPattern;
    @Nullable private Set<TopicPartition> partitions;
    @Nullable private String groupId;
    @Nullable private String clientIdPrefix;
    private StartingOffsets startingOffsets = StartingOffsets.earliest();
    @Nullable private StoppingOffsets boundedStop;
    @Nullable private StoppingOffsets unboundedStop;
    @Nullable private KafkaRecordDeserializer<T> deserializer;
    @Nullable private Duration discoveryInterval;
    private Duration metadataTimeout = Duration.ofSeconds(DEFAULT_METADATA_TIMEOUT_SECONDS);
    @Nullable private Boolean commitOffsets;
    @Nullable private Double recordsPerSecondPerReader;
    @Nullable private RateLimiterStrategy<KafkaPartitionSplit> rateLimiterStrategy;
    private boolean metricsEnabled = true;
    private BadRecordPolicy badRecordPolicy = BadRecordPolicy.fail();
    private DeliveryGuarantee deadLetterDeliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    @Nullable private String deadLetterTransactionalIdPrefix;
    @Nullable private Duration deadLetterTransactionTimeout;
    private final Properties properties = new Properties();

    KafkaBridgeSourceBuilder() {}

    /** The Kafka cluster to read from: {@code host:port[,host:port...]}. Required. */
    public KafkaBridgeSourceBuilder<T> setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
        return this;
    }

    /** Reads every partition of these topics. */
    public KafkaBridgeSourceBuilder<T> setTopics(String... topics) {
        return setTopics(Arrays.asList(topics));
    }

    /** Reads every partition of these topics. */
    public KafkaBridgeSourceBuilder<T> setTopics(List<String> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("setTopics needs at least one topic");
        }
        List<String> copy = new ArrayList<>();
        for (String topic : topics) {
            copy.add(requireText(topic, "topics"));
        }
        this.topics = copy;
        return this;
    }

    /**
     * Reads every partition of every topic whose whole name matches {@code pattern}; with partition
     * discovery, topics created later are read too, from their earliest offset.
     */
    public KafkaBridgeSourceBuilder<T> setTopicPattern(Pattern pattern) {
        this.topicPattern = Objects.requireNonNull(pattern, "topicPattern");
        return this;
    }

    /** Like {@link #setTopicPattern(Pattern)}, from a regular expression. */
    public KafkaBridgeSourceBuilder<T> setTopicPattern(String regex) {
        return setTopicPattern(Pattern.compile(requireText(regex, "topicPattern")));
    }

    /** Reads exactly these partitions. */
    public KafkaBridgeSourceBuilder<T> setPartitions(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("setPartitions needs at least one partition");
        }
        partitions.forEach(
                p -> {
                    Objects.requireNonNull(p, "partitions must not contain null");
                    if (p.partition() < 0) {
                        throw new IllegalArgumentException(
                                "partition numbers must be >= 0, got " + p);
                    }
                });
        this.partitions = new HashSet<>(partitions);
        return this;
    }

    /**
     * The consumer group: offsets of completed checkpoints are committed to it (see {@link
     * #setCommitOffsetsOnCheckpoint}) and {@link StartingOffsets#committed()} starts from it. The
     * source never joins the group: partitions are assigned by Flink.
     */
    public KafkaBridgeSourceBuilder<T> setGroupId(String groupId) {
        this.groupId = requireText(groupId, "groupId");
        return this;
    }

    /** Prefix of the Kafka client ids; readers use {@code <prefix>-<subtask>}. */
    public KafkaBridgeSourceBuilder<T> setClientIdPrefix(String prefix) {
        this.clientIdPrefix = requireText(prefix, "clientIdPrefix");
        return this;
    }

    /** Where to start on a fresh start; default {@link StartingOffsets#earliest()}. */
    public KafkaBridgeSourceBuilder<T> setStartingOffsets(StartingOffsets startingOffsets) {
        this.startingOffsets = Objects.requireNonNull(startingOffsets, "startingOffsets");
        return this;
    }

    /**
     * Makes the source bounded: each partition is read up to {@code stoppingOffsets} and the job
     * finishes when all are done. Partitions are discovered once, at start.
     */
    public KafkaBridgeSourceBuilder<T> setBounded(StoppingOffsets stoppingOffsets) {
        Objects.requireNonNull(stoppingOffsets, "stoppingOffsets");
        if (stoppingOffsets.kind() == StoppingOffsets.Kind.NONE) {
            throw new IllegalArgumentException(
                    "setBounded needs a stopping position (latest, timestamp or specific offsets),"
                            + " not StoppingOffsets.none()");
        }
        this.boundedStop = stoppingOffsets;
        return this;
    }

    /**
     * Keeps the source unbounded for Flink (streaming execution) while each partition stops at
     * {@code stoppingOffsets}; {@link StoppingOffsets#none()} is the default.
     */
    public KafkaBridgeSourceBuilder<T> setUnbounded(StoppingOffsets stoppingOffsets) {
        this.unboundedStop = Objects.requireNonNull(stoppingOffsets, "stoppingOffsets");
        return this;
    }

    /** The record-level deserializer: sees the whole Kafka record, emits zero or more elements. */
    public KafkaBridgeSourceBuilder<T> setDeserializer(KafkaRecordDeserializer<T> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        return this;
    }

    /** Decodes record values with a Flink {@link DeserializationSchema}. */
    public KafkaBridgeSourceBuilder<T> setValueOnlyDeserializer(DeserializationSchema<T> schema) {
        return setDeserializer(KafkaRecordDeserializer.valueOnly(schema));
    }

    /**
     * How often an unbounded source looks for new partitions and topics; {@link Duration#ZERO}
     * turns it off. Default {@value #DEFAULT_DISCOVERY_INTERVAL_SECONDS} s.
     */
    public KafkaBridgeSourceBuilder<T> setPartitionDiscoveryInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException(
                    "partitionDiscoveryInterval must be >= 0, got " + interval);
        }
        this.discoveryInterval = interval;
        return this;
    }

    /**
     * Bound of every metadata request to the cluster (and of blocking offset commits). Default
     * {@value #DEFAULT_METADATA_TIMEOUT_SECONDS} s.
     */
    public KafkaBridgeSourceBuilder<T> setMetadataTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("metadataTimeout must be > 0, got " + timeout);
        }
        this.metadataTimeout = timeout;
        return this;
    }

    /**
     * Whether offsets of completed checkpoints are committed to the consumer group. Default: on
     * when a group id is set. Needs a group id.
     */
    public KafkaBridgeSourceBuilder<T> setCommitOffsetsOnCheckpoint(boolean commit) {
        this.commitOffsets = commit;
        return this;
    }

    /** Limits each reader (parallel instance) to {@code recordsPerSecond} records per second. */
    public KafkaBridgeSourceBuilder<T> setRateLimit(double recordsPerSecond) {
        if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException(
                    "rateLimit must be a positive number of records per second, got "
                            + recordsPerSecond);
        }
        this.recordsPerSecondPerReader = recordsPerSecond;
        return this;
    }

    /** Limits the rate with any Flink {@link RateLimiterStrategy}. */
    public KafkaBridgeSourceBuilder<T> setRateLimiterStrategy(
            RateLimiterStrategy<KafkaPartitionSplit> strategy) {
        this.rateLimiterStrategy = Objects.requireNonNull(strategy, "rateLimiterStrategy");
        return this;
    }

    /**
     * Whether each reader registers the metrics of {@link
     * io.github.flinkkafkabridge.metrics.KafkaBridgeMetric} (read rate, fetch and emit lag,
     * backlog, time lag, error counters). Default: on. Off leaves only Flink's own source metrics
     * and the offset commit counters, e.g. to measure what the metrics cost.
     */
    public KafkaBridgeSourceBuilder<T> setMetricsEnabled(boolean enabled) {
        this.metricsEnabled = enabled;
        return this;
    }

    /**
     * What to do with records the deserializer rejects: fail the job (the default), skip them, or
     * write them to a dead-letter topic; see {@link BadRecordPolicy}.
     */
    public KafkaBridgeSourceBuilder<T> setBadRecordPolicy(BadRecordPolicy policy) {
        this.badRecordPolicy = Objects.requireNonNull(policy, "badRecordPolicy");
        return this;
    }

    /**
     * How dead letters ({@link BadRecordPolicy#deadLetter(String)}) are written; default {@code
     * AT_LEAST_ONCE}.
     *
     * <ul>
     *   <li>{@code AT_LEAST_ONCE}: each checkpoint waits until Kafka acknowledged every dead letter
     *       written before it, so a failure never loses one; a bad record read again after a
     *       restore is written again, so the dead-letter topic may hold duplicates.
     *   <li>{@code EXACTLY_ONCE}: dead letters go into a Kafka transaction that commits when the
     *       checkpoint covering their source records completes, so a {@code read_committed} reader
     *       of the dead-letter topic sees every bad record exactly once. Readers with the default
     *       {@code read_uncommitted} also see the letters of aborted transactions: read the
     *       dead-letter topic with {@code isolation.level=read_committed}. Needs checkpointing and
     *       {@link #setDeadLetterTransactionalIdPrefix}. The first bad record after a checkpoint
     *       opens the transaction, so without bad records no transaction is ever begun; dead
     *       letters become visible when the checkpoint completes.
     * </ul>
     *
     * {@code NONE} is not offered: a dead letter lost on a failure is a bad record lost.
     */
    public KafkaBridgeSourceBuilder<T> setDeadLetterDeliveryGuarantee(DeliveryGuarantee guarantee) {
        Objects.requireNonNull(guarantee, "deadLetterDeliveryGuarantee");
        if (guarantee == DeliveryGuarantee.NONE) {
            throw new IllegalArgumentException(
                    "deadLetterDeliveryGuarantee must be AT_LEAST_ONCE or EXACTLY_ONCE, got NONE:"
                            + " a dead letter lost on a failure is a bad record lost");
        }
        this.deadLetterDeliveryGuarantee = guarantee;
        return this;
    }

    /**
     * The prefix of the transactional ids of {@code EXACTLY_ONCE} dead letters; required for, and
     * only allowed with, {@code EXACTLY_ONCE} ({@link #setDeadLetterDeliveryGuarantee}). It must be
     * unique on the Kafka cluster (not shared with a sink or another source) and stay the same
     * across restarts of the job: on restore, the source commits and aborts the transactions of ids
     * with this prefix. Each reader uses {@code <prefix>-<parallelism>-<subtask>-<n>}, {@code n <
     * 5}.
     */
    public KafkaBridgeSourceBuilder<T> setDeadLetterTransactionalIdPrefix(String prefix) {
        this.deadLetterTransactionalIdPrefix =
                requireText(prefix, "deadLetterTransactionalIdPrefix");
        return this;
    }

    /**
     * The {@code transaction.timeout.ms} of {@code EXACTLY_ONCE} dead-letter transactions; default
     * 15 min (the broker's default {@code transaction.max.timeout.ms}). A transaction stays open
     * until its checkpoint completes, so this must exceed the checkpoint interval plus the time a
     * restart takes, and fit the broker's {@code transaction.max.timeout.ms}; reader 0 checks both
     * at start. Only allowed with {@code EXACTLY_ONCE}.
     */
    public KafkaBridgeSourceBuilder<T> setDeadLetterTransactionTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "deadLetterTransactionTimeout");
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "deadLetterTransactionTimeout must be between 1 ms and "
                            + Integer.MAX_VALUE
                            + " ms, got "
                            + timeout);
        }
        this.deadLetterTransactionTimeout = timeout;
        return this;
    }

    /** Sets a Kafka consumer property; see the class documentation for the keys we control. */
    public KafkaBridgeSourceBuilder<T> setProperty(String key, String value) {
        properties.setProperty(requireText(key, "property key"), Objects.requireNonNull(value));
        return this;
    }

    /** Sets several Kafka consumer properties. */
    public KafkaBridgeSourceBuilder<T> setProperties(Properties props) {
        for (String key : props.stringPropertyNames()) {
            setProperty(key, props.getProperty(key));
        }
        return this;
    }

    /**
     * Checks every option and builds the source.
     *
     * @throws io.github.flinkkafkabridge.config.KafkaBridgeConfigException listing every missing,
     *     invalid or conflicting option with its setter
     */
    public KafkaBridgeSource<T> build() {
        ConfigProblems problems = new ConfigProblems(COMPONENT);
        Properties props = ClientProperties.copyOf(properties);

        String servers =
                reconcile(
                        problems,
                        props,
                        "bootstrap.servers",
                        bootstrapServers,
                        "bootstrapServers",
                        "setBootstrapServers");
        if (servers == null) {
            problems.missing("bootstrapServers", "setBootstrapServers");
        }
        String group = reconcile(problems, props, "group.id", groupId, "groupId", "setGroupId");

        TopicSubscription subscription = subscription(problems);
        checkDeadLetterTopic(problems);
        checkDeadLetterGuarantee(problems);
        problems.requirePresent(
                deserializer, "deserializer", "setDeserializer or setValueOnlyDeserializer");
        problems.requireSerializable(deserializer, "deserializer", "setDeserializer");

        problems.addIf(
                boundedStop != null && unboundedStop != null,
                "conflicting options boundedness (setBounded) and stopping offsets of an unbounded"
                        + " source (setUnbounded): call only one");
        boolean bounded = boundedStop != null;
        problems.addIf(
                bounded && discoveryInterval != null && !discoveryInterval.isZero(),
                "conflicting options partitionDiscoveryInterval (setPartitionDiscoveryInterval)"
                        + " and a bounded source (setBounded): a bounded source discovers"
                        + " partitions once");
        problems.addIf(
                startingOffsets.kind() == StartingOffsets.Kind.COMMITTED && group == null,
                "startingOffsets "
                        + startingOffsets
                        + " (setStartingOffsets) needs a consumer"
                        + " group: set groupId (setGroupId)");
        problems.addIf(
                Boolean.TRUE.equals(commitOffsets) && group == null,
                "commitOffsetsOnCheckpoint (setCommitOffsetsOnCheckpoint) needs a consumer group:"
                        + " set groupId (setGroupId)");
        problems.addIf(
                recordsPerSecondPerReader != null && rateLimiterStrategy != null,
                "conflicting options rateLimit (setRateLimit) and rateLimiterStrategy"
                        + " (setRateLimiterStrategy): call only one");
        problems.requireSerializable(
                rateLimiterStrategy, "rateLimiterStrategy", "setRateLimiterStrategy");

        enforceConsumerKeys(props);
        validateConsumerConfig(problems, props);
        problems.throwIfAny();

        StoppingOffsets stop =
                bounded
                        ? boundedStop
                        : unboundedStop == null ? StoppingOffsets.none() : unboundedStop;
        Duration discovery = bounded ? null : effectiveDiscoveryInterval();
        String clientIds = clientIdPrefix(props);
        return new KafkaBridgeSource<>(
                props,
                subscription,
                startingOffsets,
                stop,
                bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED,
                deserializer,
                discovery,
                metadataTimeout,
                group != null && !Boolean.FALSE.equals(commitOffsets),
                rateLimiter(),
                clientIds,
                metricsEnabled,
                badRecordPolicy,
                deadLetterSettings(props, clientIds));
    }

    @Nullable
    private DeadLetterSettings deadLetterSettings(Properties props, String clientIds) {
        String topic = badRecordPolicy.deadLetterTopic();
        if (topic == null) {
            return null;
        }
        return new DeadLetterSettings(
                topic,
                deadLetterDeliveryGuarantee,
                deadLetterTransactionalIdPrefix,
                deadLetterTransactionTimeout == null
                        ? ProducerProperties.DEFAULT_TRANSACTION_TIMEOUT
                        : deadLetterTransactionTimeout,
                props,
                clientIds,
                metadataTimeout,
                UUID.randomUUID().toString());
    }

    /**
     * The prefix of the readers' client ids: {@link #setClientIdPrefix}, else a {@code client.id}
     * property (each reader appends its subtask, since client ids should be unique), else random.
     */
    private String clientIdPrefix(Properties props) {
        String clientId = (String) props.remove("client.id");
        if (clientIdPrefix != null) {
            return clientIdPrefix;
        }
        return clientId != null
                ? clientId
                : "kafka-bridge-source-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * One value given two ways (a setter and a raw property): returns it, records a conflict when
     * the two differ, and leaves the agreed value in {@code props}.
     */
    @Nullable
    private static String reconcile(
            ConfigProblems problems,
            Properties props,
            String key,
            @Nullable String fromSetter,
            String option,
            String setter) {
        String fromProperty = props.getProperty(key);
        if (fromSetter != null && fromProperty != null && !fromSetter.equals(fromProperty)) {
            problems.add(
                    "conflicting values of "
                            + option
                            + ": '"
                            + fromSetter
                            + "' ("
                            + setter
                            + ") and '"
                            + fromProperty
                            + "' (setProperty(\""
                            + key
                            + "\"))");
            return fromSetter;
        }
        String value = fromSetter != null ? fromSetter : fromProperty;
        if (value != null) {
            props.setProperty(key, value);
        }
        return value;
    }

    @Nullable
    private TopicSubscription subscription(ConfigProblems problems) {
        List<String> given = new ArrayList<>();
        if (topics != null) {
            given.add("topics (setTopics)");
        }
        if (topicPattern != null) {
            given.add("topicPattern (setTopicPattern)");
        }
        if (partitions != null) {
            given.add("partitions (setPartitions)");
        }
        if (given.isEmpty()) {
            problems.missing("topics", "setTopics, setTopicPattern or setPartitions");
            return null;
        }
        if (given.size() > 1) {
            problems.add(
                    "conflicting subscriptions " + String.join(" and ", given) + ": choose one");
            return null;
        }
        if (topics != null) {
            return TopicSubscription.topics(topics);
        }
        return topicPattern != null
                ? TopicSubscription.pattern(topicPattern)
                : TopicSubscription.partitions(partitions);
    }

    /** A dead-letter topic the source reads would feed bad records back into the job. */
    private void checkDeadLetterTopic(ConfigProblems problems) {
        String deadLetters = badRecordPolicy.deadLetterTopic();
        if (deadLetters == null) {
            return;
        }
        boolean subscribed =
                (topics != null && topics.contains(deadLetters))
                        || (topicPattern != null && topicPattern.matcher(deadLetters).matches())
                        || (partitions != null
                                && partitions.stream()
                                        .anyMatch(p -> p.topic().equals(deadLetters)));
        problems.addIf(
                subscribed,
                "badRecordPolicy (setBadRecordPolicy) writes to dead-letter topic '"
                        + deadLetters
                        + "', which the source itself reads (setTopics, setTopicPattern or"
                        + " setPartitions): choose a topic outside the subscription");
    }

    /** The EXACTLY_ONCE dead-letter options fit together and with the policy. */
    private void checkDeadLetterGuarantee(ConfigProblems problems) {
        boolean exactlyOnce = deadLetterDeliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE;
        problems.addIf(
                exactlyOnce && badRecordPolicy.deadLetterTopic() == null,
                "deadLetterDeliveryGuarantee EXACTLY_ONCE (setDeadLetterDeliveryGuarantee) needs a"
                        + " dead-letter topic, but badRecordPolicy (setBadRecordPolicy) is "
                        + badRecordPolicy
                        + ": use BadRecordPolicy.deadLetter(topic)");
        problems.addIf(
                exactlyOnce && deadLetterTransactionalIdPrefix == null,
                "missing required option deadLetterTransactionalIdPrefix"
                        + " (setDeadLetterTransactionalIdPrefix): deadLetterDeliveryGuarantee"
                        + " EXACTLY_ONCE (setDeadLetterDeliveryGuarantee) needs a transactional id"
                        + " prefix unique to this source");
        problems.addIf(
                !exactlyOnce && deadLetterTransactionalIdPrefix != null,
                "deadLetterTransactionalIdPrefix (setDeadLetterTransactionalIdPrefix) applies only"
                        + " to deadLetterDeliveryGuarantee EXACTLY_ONCE"
                        + " (setDeadLetterDeliveryGuarantee), which is "
                        + deadLetterDeliveryGuarantee.name());
        problems.addIf(
                !exactlyOnce && deadLetterTransactionTimeout != null,
                "deadLetterTransactionTimeout (setDeadLetterTransactionTimeout) applies only to"
                        + " deadLetterDeliveryGuarantee EXACTLY_ONCE"
                        + " (setDeadLetterDeliveryGuarantee), which is "
                        + deadLetterDeliveryGuarantee.name());
    }

    private static void enforceConsumerKeys(Properties props) {
        String bytes = ByteArrayDeserializer.class.getName();
        String decoding = "records are read as bytes and decoded by the KafkaRecordDeserializer";
        ClientProperties.enforce(props, "key.deserializer", bytes, decoding, LOG);
        ClientProperties.enforce(props, "value.deserializer", bytes, decoding, LOG);
        ClientProperties.enforce(
                props,
                "enable.auto.commit",
                "false",
                "offsets are committed when checkpoints complete",
                LOG);
        ClientProperties.setIfAbsent(props, "auto.offset.reset", "earliest");
        ClientProperties.setIfAbsent(
                props, "max.poll.records", Integer.toString(DEFAULT_MAX_POLL_RECORDS));
        ClientProperties.setIfAbsent(
                props, "receive.buffer.bytes", ClientProperties.OS_DEFAULT_SOCKET_BUFFER);
    }

    private static void validateConsumerConfig(ConfigProblems problems, Properties props) {
        Properties checked = props;
        if (props.getProperty("bootstrap.servers") == null) {
            // Already reported as missing; still check every other property in the same run.
            checked = ClientProperties.copyOf(props);
            checked.setProperty("bootstrap.servers", "localhost:9092");
        }
        try {
            new ConsumerConfig(checked);
        } catch (ConfigException e) {
            problems.add("invalid Kafka consumer property (setProperty): " + e.getMessage());
        }
    }

    private Duration effectiveDiscoveryInterval() {
        if (discoveryInterval == null) {
            return Duration.ofSeconds(DEFAULT_DISCOVERY_INTERVAL_SECONDS);
        }
        return discoveryInterval.isZero() ? null : discoveryInterval;
    }

    @Nullable
    @SuppressWarnings("unchecked")
    private RateLimiterStrategy<KafkaPartitionSplit> rateLimiter() {
        if (rateLimiterStrategy != null) {
            return rateLimiterStrategy;
        }
        if (recordsPerSecondPerReader == null) {
            return null;
        }
        double perReader = recordsPerSecondPerReader;
        // Flink's perSecond() divides by the parallelism; this limit is per reader.
        return parallelism ->
                (org.apache.flink.api.connector.source.util.ratelimit.RateLimiter<
                                KafkaPartitionSplit>)
                        RateLimiterStrategy.perSecond(perReader).createRateLimiter(1);
    }

    private static String requireText(@Nullable String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be null or blank");
        }
        return value.trim();
    }
}
