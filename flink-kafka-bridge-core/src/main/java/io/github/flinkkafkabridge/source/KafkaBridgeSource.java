package io.github.flinkkafkabridge.source;

import io.github.flinkkafkabridge.error.BadRecordPolicy;
import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.source.enumerator.AdminKafkaMetadata;
import io.github.flinkkafkabridge.source.enumerator.KafkaEnumeratorState;
import io.github.flinkkafkabridge.source.enumerator.KafkaEnumeratorStateSerializer;
import io.github.flinkkafkabridge.source.enumerator.KafkaSourceEnumerator;
import io.github.flinkkafkabridge.source.enumerator.TopicSubscription;
import io.github.flinkkafkabridge.source.reader.DeadLetterSettings;
import io.github.flinkkafkabridge.source.reader.KafkaSourceReader;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitSerializer;
import java.time.Duration;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A Kafka source for Flink 2.x on the FLIP-27 {@link Source} API: reads topics, topic patterns or
 * fixed partitions, with checkpointed offsets, per-partition watermarks, partition discovery and
 * bounded or unbounded reading.
 *
 * <p>Create one with {@link #builder()}:
 * <!-- snippet: kafka-bridge-source -->
 *
 * <pre>{@code
 * KafkaBridgeSource<String> source =
 *         KafkaBridgeSource.<String>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setTopics(topic)
 *                 .setGroupId("word-count")
 *                 .setStartingOffsets(StartingOffsets.earliest())
 *                 .setDeserializer(KafkaRecordDeserializer.utf8Values())
 *                 .build();
 * DataStream<String> lines =
 *         env.fromSource(source, WatermarkStrategy.noWatermarks(), "lines");
 * }</pre>
 *
 * <p>Guarantees: with checkpointing on, each record's elements are emitted exactly once into
 * Flink's state across failures (the reading position is part of the checkpoint). Offsets are
 * committed to the consumer group when a checkpoint completes, for monitoring only. Records the
 * deserializer rejects follow the {@link BadRecordPolicy}; dead letters are written at least once,
 * or exactly once for {@code read_committed} readers with {@link
 * KafkaBridgeSourceBuilder#setDeadLetterDeliveryGuarantee}.
 *
 * <p>Immutable and serializable; Flink ships it to the JobManager (enumerator) and every
 * TaskManager (readers). See {@link KafkaBridgeSourceBuilder} for every option and its default.
 *
 * @param <T> the element type
 */
public final class KafkaBridgeSource<T>
        implements Source<T, KafkaPartitionSplit, KafkaEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Properties consumerProperties;
    private final TopicSubscription subscription;
    private final StartingOffsets startingOffsets;
    private final StoppingOffsets stoppingOffsets;
    private final Boundedness boundedness;
    private final KafkaRecordDeserializer<T> deserializer;
    @Nullable private final Duration discoveryInterval;
    private final Duration metadataTimeout;
    private final boolean commitOffsets;
    @Nullable private final RateLimiterStrategy<KafkaPartitionSplit> rateLimiter;
    private final String clientIdPrefix;
    private final boolean metricsEnabled;
    private final BadRecordPolicy badRecordPolicy;
    @Nullable private final DeadLetterSettings deadLetterSettings;

    KafkaBridgeSource(
            Properties consumerProperties,
            TopicSubscription subscription,
            StartingOffsets startingOffsets,
            StoppingOffsets stoppingOffsets,
            Boundedness boundedness,
            KafkaRecordDeserializer<T> deserializer,
            @Nullable Duration discoveryInterval,
            Duration metadataTimeout,
            boolean commitOffsets,
            @Nullable RateLimiterStrategy<KafkaPartitionSplit> rateLimiter,
            String clientIdPrefix,
            boolean metricsEnabled,
            BadRecordPolicy badRecordPolicy,
            @Nullable DeadLetterSettings deadLetterSettings) {
        this.consumerProperties = ClientProperties.copyOf(consumerProperties);
        this.subscription = subscription;
        this.startingOffsets = startingOffsets;
        this.stoppingOffsets = stoppingOffsets;
        this.boundedness = boundedness;
        this.deserializer = deserializer;
        this.discoveryInterval = discoveryInterval;
        this.metadataTimeout = metadataTimeout;
        this.commitOffsets = commitOffsets;
        this.rateLimiter = rateLimiter;
        this.clientIdPrefix = clientIdPrefix;
        this.metricsEnabled = metricsEnabled;
        this.badRecordPolicy = badRecordPolicy;
        this.deadLetterSettings = deadLetterSettings;
    }

    /** Starts building a source; see {@link KafkaBridgeSourceBuilder}. */
    public static <T> KafkaBridgeSourceBuilder<T> builder() {
        return new KafkaBridgeSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return boundedness;
    }

    @Override
    public SourceReader<T, KafkaPartitionSplit> createReader(SourceReaderContext readerContext)
            throws Exception {
        deserializer.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return readerContext.metricGroup().addGroup("deserializer");
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return readerContext.getUserCodeClassLoader();
                    }
                });
        Properties props = ClientProperties.copyOf(consumerProperties);
        props.setProperty("client.id", clientIdPrefix + "-" + readerContext.getIndexOfSubtask());
        return KafkaSourceReader.create(
                readerContext,
                () -> createConsumer(props),
                props.getProperty("bootstrap.servers"),
                deserializer,
                KafkaBridgeSourceBuilder.POLL_TIMEOUT,
                metadataTimeout,
                rateLimiter,
                commitOffsets,
                metricsEnabled,
                badRecordPolicy,
                deadLetterSettings);
    }

    private static Consumer<byte[], byte[]> createConsumer(Properties props) {
        return new KafkaConsumer<>(props);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> enumContext) {
        return restoreEnumerator(enumContext, KafkaEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> enumContext,
            KafkaEnumeratorState checkpoint) {
        Properties props = ClientProperties.copyOf(consumerProperties);
        props.setProperty("client.id", clientIdPrefix + "-enumerator");
        return new KafkaSourceEnumerator(
                enumContext,
                subscription,
                startingOffsets,
                stoppingOffsets,
                discoveryInterval,
                boundedness == Boundedness.BOUNDED || discoveryInterval == null,
                consumerProperties.getProperty("group.id"),
                () -> AdminKafkaMetadata.create(props, metadataTimeout),
                checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return new KafkaPartitionSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new KafkaEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    /** The Kafka consumer properties the readers use (a copy; secrets included). */
    public Properties getConsumerProperties() {
        return ClientProperties.copyOf(consumerProperties);
    }

    /** How dead letters are written; null unless the policy dead-letters. */
    @Nullable
    DeadLetterSettings deadLetterSettings() {
        return deadLetterSettings;
    }

    /** The prefix of the readers' Kafka client ids. */
    String clientIdPrefix() {
        return clientIdPrefix;
    }

    @Override
    public String toString() {
        return "KafkaBridgeSource{"
                + subscription
                + ", "
                + startingOffsets
                + (stoppingOffsets.kind() == StoppingOffsets.Kind.NONE
                        ? ""
                        : ", " + stoppingOffsets)
                + ", "
                + boundedness
                + ", discovery "
                + (discoveryInterval == null ? "off" : discoveryInterval.toString())
                + ", properties "
                + ClientProperties.redacted(consumerProperties)
                + '}';
    }
}
