package io.github.flinkkafkabridge.sink.writer;

import io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException;
import io.github.flinkkafkabridge.error.DeadLetterHeaders;
import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.internal.BatchSizing;
import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.SinkWriterMetrics;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgePartitioner;
import io.github.flinkkafkabridge.sink.KafkaSendException;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every writer of the sink does: serialize elements, choose partitions, send, keep the first
 * asynchronous send error and rethrow it on the task thread (it never vanishes), and route rejected
 * records to the dead-letter topic when that policy is set. Subclasses supply the producer for the
 * next record and the delivery guarantee's checkpoint behaviour. A record that fails because the
 * cluster rejected the producer's credentials is never dead-lettered (the record is not at fault):
 * the writer fails with a {@link KafkaSendException} caused by a {@link
 * KafkaBridgeAuthenticationException}.
 *
 * <p>Created by the sink on the task thread; {@code write}, {@code flush}, {@code prepareCommit},
 * {@code snapshotState} and {@code close} are called from that thread. Send callbacks run on the
 * producer's I/O thread and only record results.
 *
 * @param <T> the type of the stream elements
 */
public abstract class KafkaWriterBase<T>
        implements StatefulSinkWriter<T, KafkaWriterState>,
                CommittingSinkWriter<T, KafkaCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWriterBase.class);

    /** The client named in messages about rejected credentials. */
    static final String PRODUCER_CLIENT = "the KafkaBridgeSink writer's producer";

    /** How long the partitions of a topic are cached for the custom partitioner. */
    private static final long PARTITIONS_CACHE_MS = 60_000;

    protected final SinkSettings<T> settings;
    protected final KafkaClientFactory clients;
    protected final int subtaskIndex;
    protected final int parallelism;

    private final KafkaRecordSerializer<? super T> serializer;
    @Nullable private final KafkaBridgePartitioner<? super T> partitioner;
    @Nullable private final String deadLetterTopic;

    private final Counter numRecordsSend;
    private final Counter numBytesSend;
    private final Counter numRecordsSendErrors;

    /** The pipeline metrics of {@code KafkaBridgeMetric}: write rate, latencies, in flight. */
    protected final SinkWriterMetrics pipelineMetrics;

    private final AtomicReference<KafkaSendException> asyncError = new AtomicReference<>();
    private final AtomicLong unreportedErrors = new AtomicLong();
    private final Queue<FailedRecord> deadLetterQueue = new ConcurrentLinkedQueue<>();
    private final ElementContext elementContext = new ElementContext();
    private final Map<String, CachedPartitions> partitionsCache = new HashMap<>();

    /** The user's producer properties with the batching chosen for the topics; set once. */
    @Nullable private Properties producerProperties;

    protected KafkaWriterBase(
            SinkSettings<T> settings, WriterInitContext context, KafkaClientFactory clients)
            throws IOException {
        this.settings = settings;
        this.clients = clients;
        this.subtaskIndex = context.getTaskInfo().getIndexOfThisSubtask();
        this.parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        this.serializer = settings.recordSerializer();
        this.partitioner = settings.partitioner();
        this.deadLetterTopic = settings.sendErrorPolicy().deadLetterTopic();
        SinkWriterMetricGroup metrics = context.metricGroup();
        this.numRecordsSend = metrics.getNumRecordsSendCounter();
        this.numBytesSend = metrics.getNumBytesSendCounter();
        this.numRecordsSendErrors = metrics.getNumRecordsSendErrorsCounter();
        this.pipelineMetrics = SinkWriterMetrics.register(metrics, MetricsClock.system());
        try {
            serializer.open(new SerializerInitContext(context));
        } catch (Exception e) {
            throw new IOException("Failed to open the record serializer " + serializer, e);
        }
        if (partitioner != null) {
            partitioner.open(subtaskIndex, parallelism);
        }
    }

    /**
     * The user's producer properties, with {@code batch.size} and {@code linger.ms} chosen for the
     * sink's topics when the serializer names them and the user set neither (see {@link
     * BatchSizing}). Read once, on first use; any thread.
     */
    protected final synchronized Properties producerProperties() {
        if (producerProperties == null) {
            Set<String> topics = new HashSet<>(serializer.topics());
            if (!topics.isEmpty() && deadLetterTopic != null) {
                topics.add(deadLetterTopic);
            }
            producerProperties =
                    BatchSizing.choose(
                            settings.producerProperties(),
                            topics,
                            clients::createAdmin,
                            "kafka-bridge-sink-batching-" + subtaskIndex,
                            "KafkaBridgeSink writer " + subtaskIndex + "/" + parallelism);
        }
        return producerProperties;
    }

    /**
     * The producer the next record goes to; for EXACTLY_ONCE, the one of the open transaction,
     * starting one if needed.
     */
    protected abstract Producer<byte[], byte[]> producerForWrite()
            throws IOException, InterruptedException;

    /** Called after each record handed to the producer. */
    protected void afterSend() {}

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        throwIfSendFailed();
        elementContext.timestamp = context.timestamp();
        ProducerRecord<byte[], byte[]> record;
        try {
            record = serializer.serialize(element, elementContext);
        } catch (Exception e) {
            throw new IOException(
                    "Failed to serialize an element with " + serializer + ": " + e.getMessage(), e);
        }
        if (record == null) {
            return;
        }
        Producer<byte[], byte[]> producer = producerForWrite();
        if (!deadLetterQueue.isEmpty()) {
            sendDeadLetters(producer);
        }
        if (partitioner != null && record.partition() == null) {
            record = withPartition(producer, element, record);
        }
        send(producer, record, false);
        afterSend();
    }

    /**
     * Sends buffered records and waits for every acknowledgement, dead letters included; throws the
     * first send error.
     */
    protected void flushAndCheck(Producer<byte[], byte[]> producer)
            throws IOException, InterruptedException {
        while (true) {
            producer.flush();
            throwIfSendFailed();
            if (deadLetterQueue.isEmpty()) {
                return;
            }
            sendDeadLetters(producer);
        }
    }

    /** Throws the first asynchronous send error, if any. */
    protected void throwIfSendFailed() throws KafkaSendException {
        // Checked per record: a plain read first, the atomic swap only once there are errors.
        if (unreportedErrors.get() > 0) {
            numRecordsSendErrors.inc(unreportedErrors.getAndSet(0));
        }
        KafkaSendException error = asyncError.get();
        if (error != null) {
            throw new KafkaSendException(
                    error.getMessage(), error.topic(), error.partition(), error.getCause());
        }
    }

    @Override
    public List<KafkaCommittable> prepareCommit() throws IOException, InterruptedException {
        return List.of();
    }

    @Override
    public List<KafkaWriterState> snapshotState(long checkpointId) throws IOException {
        return List.of();
    }

    private void send(
            Producer<byte[], byte[]> producer,
            ProducerRecord<byte[], byte[]> record,
            boolean deadLetter)
            throws KafkaSendException {
        int keySize = record.key() == null ? 0 : record.key().length;
        int valueSize = record.value() == null ? 0 : record.value().length;
        boolean mayDeadLetter = deadLetterTopic != null && !deadLetter;
        long ticket = pipelineMetrics.onSend(keySize + valueSize);
        long sourceTimestamp =
                elementContext.timestamp == null
                        ? SinkWriterMetrics.NO_TIMESTAMP
                        : elementContext.timestamp;
        // Records wait in the producer until acknowledged, so their callbacks are live heap for
        // as long: most records get the small callback that carries only what it needs.
        SendCallback callback =
                mayDeadLetter || deadLetter || ticket != SinkWriterMetrics.NOT_SAMPLED
                        ? new TrackedSendCallback(
                                record,
                                keySize,
                                valueSize,
                                mayDeadLetter,
                                deadLetter,
                                ticket,
                                sourceTimestamp)
                        : new SendCallback(record, keySize, valueSize);
        try {
            producer.send(record, callback);
        } catch (KafkaException | IllegalStateException e) {
            pipelineMetrics.onFailed(ticket, keySize + valueSize);
            // Synchronous failures: the producer is closed, fenced or in an error state.
            throw sendFailure(
                    record.topic(),
                    record.partition(),
                    keySize,
                    valueSize,
                    e,
                    deadLetter,
                    settings.bootstrapServers());
        }
        if (!deadLetter) {
            numRecordsSend.inc();
            numBytesSend.inc(keySize + valueSize);
        }
    }

    private void sendDeadLetters(Producer<byte[], byte[]> producer) throws KafkaSendException {
        FailedRecord failed;
        while ((failed = deadLetterQueue.poll()) != null) {
            ProducerRecord<byte[], byte[]> original = failed.record;
            Headers headers = new RecordHeaders(original.headers().toArray());
            DeadLetterHeaders.add(
                    headers,
                    original.topic(),
                    original.partition() == null ? -1 : original.partition(),
                    -1,
                    original.timestamp() == null ? -1 : original.timestamp(),
                    failed.error);
            send(
                    producer,
                    new ProducerRecord<>(
                            deadLetterTopic,
                            null,
                            original.timestamp(),
                            original.key(),
                            original.value(),
                            headers),
                    true);
            pipelineMetrics.onDeadLettered();
        }
    }

    private ProducerRecord<byte[], byte[]> withPartition(
            Producer<byte[], byte[]> producer, T element, ProducerRecord<byte[], byte[]> record)
            throws KafkaSendException {
        int[] partitions = partitionsOf(producer, record);
        int partition =
                partitioner.partition(
                        element, record.key(), record.value(), record.topic(), partitions);
        return new ProducerRecord<>(
                record.topic(),
                partition,
                record.timestamp(),
                record.key(),
                record.value(),
                record.headers());
    }

    private int[] partitionsOf(
            Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record)
            throws KafkaSendException {
        long now = System.currentTimeMillis();
        CachedPartitions cached = partitionsCache.get(record.topic());
        if (cached != null && now - cached.fetchedAt < PARTITIONS_CACHE_MS) {
            return cached.partitions;
        }
        List<PartitionInfo> infos;
        try {
            infos = producer.partitionsFor(record.topic());
        } catch (KafkaException e) {
            throw sendFailure(
                    record.topic(),
                    null,
                    record.key() == null ? 0 : record.key().length,
                    record.value() == null ? 0 : record.value().length,
                    e,
                    false,
                    settings.bootstrapServers());
        }
        int[] partitions = infos.stream().mapToInt(PartitionInfo::partition).sorted().toArray();
        partitionsCache.put(record.topic(), new CachedPartitions(partitions, now));
        return partitions;
    }

    /**
     * Builds the exception for a record the producer rejected, naming topic and sizes; when the
     * cluster rejected the credentials, its cause is a {@link KafkaBridgeAuthenticationException}
     * naming {@code bootstrapServers} and the settings to check.
     */
    static KafkaSendException sendFailure(
            String topic,
            @Nullable Integer partition,
            int keySize,
            int valueSize,
            Throwable cause,
            boolean deadLetter,
            String bootstrapServers) {
        KafkaBridgeAuthenticationException authentication =
                AuthenticationFailures.explain(cause, PRODUCER_CLIENT, bootstrapServers);
        if (authentication != null) {
            cause = authentication;
        }
        StringBuilder message =
                new StringBuilder(
                                deadLetter
                                        ? "Failed to write a rejected record to the dead-letter"
                                                + " topic '"
                                        : "Failed to send a record to topic '")
                        .append(topic)
                        .append('\'');
        if (partition != null) {
            message.append(" partition ").append(partition);
        }
        message.append(" (key ")
                .append(keySize)
                .append(" bytes, value ")
                .append(valueSize)
                .append(" bytes): ");
        if (authentication != null) {
            message.append(authentication.getMessage());
        } else {
            message.append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        if (cause instanceof RecordTooLargeException) {
            message.append(
                    ". Raise max.request.size (setProperty) and the topic's max.message.bytes,"
                            + " or write smaller records");
        } else if (cause instanceof TimeoutException) {
            message.append(". Check that topic '")
                    .append(topic)
                    .append(
                            "' exists (brokers may not create topics automatically), that the"
                                    + " bootstrap servers are reachable and that security.protocol"
                                    + " (setProperty) matches their listener; the wait is bounded"
                                    + " by max.block.ms and delivery.timeout.ms");
        }
        return new KafkaSendException(
                message.toString(), topic, partition == null ? -1 : partition, cause);
    }

    /**
     * Records a send result, on the producer's I/O thread. This base form is for a record that is
     * neither sampled for latency nor may go to the dead-letter topic: its topic, partition and
     * sizes only.
     */
    private class SendCallback implements Callback {
        private final String topic;
        @Nullable private final Integer partition;
        private final int keySize;
        private final int valueSize;

        SendCallback(ProducerRecord<byte[], byte[]> record, int keySize, int valueSize) {
            this.topic = record.topic();
            this.partition = record.partition();
            this.keySize = keySize;
            this.valueSize = valueSize;
        }

        /** The record, when it may go to the dead-letter topic after a failure. */
        @Nullable
        ProducerRecord<byte[], byte[]> deadLetterCandidate() {
            return null;
        }

        /** Whether the record is itself a dead letter. */
        boolean deadLetter() {
            return false;
        }

        /** The metrics' send ticket. */
        long ticket() {
            return SinkWriterMetrics.NOT_SAMPLED;
        }

        /** The timestamp of the source record, for the end-to-end latency. */
        long sourceTimestamp() {
            return SinkWriterMetrics.NO_TIMESTAMP;
        }

        @Override
        public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
            if (exception == null) {
                pipelineMetrics.onAcknowledged(ticket(), keySize + valueSize, sourceTimestamp());
                return;
            }
            pipelineMetrics.onFailed(ticket(), keySize + valueSize);
            unreportedErrors.incrementAndGet();
            // Rejected credentials are not the record's fault: fail instead of dead-lettering.
            ProducerRecord<byte[], byte[]> record = deadLetterCandidate();
            if (record != null && AuthenticationFailures.find(exception) == null) {
                LOG.debug(
                        "Record for topic '{}' rejected, routing it to the dead-letter topic: {}",
                        topic,
                        exception.toString());
                deadLetterQueue.add(new FailedRecord(record, exception));
                return;
            }
            Integer failedPartition =
                    partition != null
                            ? partition
                            : (metadata != null && metadata.partition() >= 0
                                    ? metadata.partition()
                                    : null);
            KafkaSendException failure =
                    sendFailure(
                            topic,
                            failedPartition,
                            keySize,
                            valueSize,
                            exception,
                            deadLetter(),
                            settings.bootstrapServers());
            if (asyncError.compareAndSet(null, failure)) {
                LOG.error(failure.getMessage());
            }
        }
    }

    /** The acknowledgement of a record sampled for latency, or one that may be dead-lettered. */
    private final class TrackedSendCallback extends SendCallback {
        /** The record, kept until its acknowledgement only when it may be dead-lettered. */
        @Nullable private final ProducerRecord<byte[], byte[]> record;

        private final boolean deadLetter;
        private final long ticket;
        private final long sourceTimestamp;

        TrackedSendCallback(
                ProducerRecord<byte[], byte[]> record,
                int keySize,
                int valueSize,
                boolean mayDeadLetter,
                boolean deadLetter,
                long ticket,
                long sourceTimestamp) {
            super(record, keySize, valueSize);
            this.record = mayDeadLetter ? record : null;
            this.deadLetter = deadLetter;
            this.ticket = ticket;
            this.sourceTimestamp = sourceTimestamp;
        }

        @Nullable
        @Override
        ProducerRecord<byte[], byte[]> deadLetterCandidate() {
            return record;
        }

        @Override
        boolean deadLetter() {
            return deadLetter;
        }

        @Override
        long ticket() {
            return ticket;
        }

        @Override
        long sourceTimestamp() {
            return sourceTimestamp;
        }
    }

    private record FailedRecord(ProducerRecord<byte[], byte[]> record, Exception error) {}

    private record CachedPartitions(int[] partitions, long fetchedAt) {}

    /** The per-element context handed to the serializer; reused. */
    private static final class ElementContext implements KafkaRecordSerializer.Context {
        @Nullable Long timestamp;

        @Nullable
        @Override
        public Long timestamp() {
            return timestamp;
        }
    }

    /** The serializer's view of the writer. */
    private static final class SerializerInitContext implements KafkaRecordSerializer.InitContext {
        private final WriterInitContext context;

        SerializerInitContext(WriterInitContext context) {
            this.context = context;
        }

        @Override
        public int subtaskIndex() {
            return context.getTaskInfo().getIndexOfThisSubtask();
        }

        @Override
        public int parallelism() {
            return context.getTaskInfo().getNumberOfParallelSubtasks();
        }

        @Override
        public MetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public SerializationSchema.InitializationContext serializationSchemaContext() {
            return context.asSerializationSchemaInitializationContext();
        }
    }
}
