package io.github.flinkkafkabridge.testkit;

import io.github.flinkkafkabridge.testkit.internal.Deadline;
import io.github.flinkkafkabridge.testkit.internal.Exceptions;
import io.github.flinkkafkabridge.testkit.internal.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Small helpers for tests: write and read records with plain kafka-clients, so a test can check a
 * Flink job's input and output without Flink.
 * <!-- snippet: kafka-test-records -->
 *
 * <pre>{@code
 * KafkaTestRecords.produceStrings(kafka, input, List.of("a", "b", "c"));
 * runCopyJob(kafka.bootstrapServers(), input, output);
 * List<String> copied =
 *         KafkaTestRecords.consumeStrings(kafka, output, 3, Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Writes are idempotent with {@code acks=all} and flushed before returning; reads assign every
 * partition of the topic from the beginning, use no consumer group and read with {@code
 * isolation.level=read_committed}, so records of aborted or open transactions are not returned. All
 * methods use the cluster's {@link KafkaCluster#clientProperties()}, so they work against secured
 * external clusters too. Thread-safe: each call uses its own clients.
 */
public final class KafkaTestRecords {

    /** How long a write may take before it fails: {@code delivery.timeout.ms} of the producer. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private KafkaTestRecords() {}

    /**
     * Writes records (byte[] keys and values, each with an optional partition and timestamp) in
     * order and returns once all are acknowledged by every in-sync replica.
     *
     * @throws IllegalStateException if a record cannot be written; the message names the record's
     *     index and topic-partition
     */
    public static void produce(KafkaCluster cluster, List<ProducerRecord<byte[], byte[]>> records) {
        Objects.requireNonNull(cluster, "cluster must not be null");
        Objects.requireNonNull(records, "records must not be null");
        if (records.isEmpty()) {
            return;
        }
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        producerProperties(cluster),
                        new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                ProducerRecord<byte[], byte[]> record =
                        Objects.requireNonNull(records.get(i), "record " + i + " is null");
                try {
                    sent.add(producer.send(record));
                } catch (RuntimeException e) {
                    throw writeFailure(cluster, records, i, e);
                }
            }
            producer.flush();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(DELIVERY_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw writeFailure(cluster, records, i, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(
                            "Interrupted while writing to " + records.get(i).topic(), e);
                }
            }
        }
    }

    /**
     * Writes UTF-8 string values with null keys, spread round-robin over the topic's partitions:
     * value {@code i} goes to partition {@code i % partitionCount}.
     *
     * @throws IllegalStateException if the topic does not exist or a record cannot be written
     */
    public static void produceStrings(KafkaCluster cluster, String topic, List<String> values) {
        Objects.requireNonNull(values, "values must not be null");
        int partitions = partitionCount(cluster, topic);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            records.add(
                    new ProducerRecord<>(
                            topic,
                            i % partitions,
                            null,
                            value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        produce(cluster, records);
    }

    /**
     * Reads the topic from the beginning until at least {@code expected} records have arrived or
     * the timeout passes, and returns every record read: fewer than expected on timeout, and
     * possibly more when more were available, so duplicates show. Records of one partition keep
     * their order; partitions interleave.
     *
     * @param expected how many records to wait for; 0 returns at once with an empty list
     * @param timeout how long to wait for them
     * @throws IllegalStateException if the topic does not exist
     */
    public static List<ConsumerRecord<byte[], byte[]>> consume(
            KafkaCluster cluster, String topic, int expected, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (expected < 0) {
            throw new IllegalArgumentException(
                    "expected must not be negative, got "
                            + expected
                            + " for topic '"
                            + topic
                            + "'");
        }
        Deadline deadline = Deadline.after(timeout);
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        if (expected == 0) {
            return received;
        }
        int partitions = partitionCount(cluster, topic);
        List<TopicPartition> assignment = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        consumerProperties(cluster),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            while (received.size() < expected && deadline.hasTimeLeft()) {
                consumer.poll(deadline.remainingAtMost(MAX_POLL)).forEach(received::add);
            }
        }
        return received;
    }

    /**
     * Like {@link #consume}, returning the values decoded as UTF-8 (a null value stays null).
     *
     * @throws IllegalStateException if the topic does not exist
     */
    public static List<String> consumeStrings(
            KafkaCluster cluster, String topic, int expected, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = consume(cluster, topic, expected, timeout);
        List<String> values = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value();
            values.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static int partitionCount(KafkaCluster cluster, String topic) {
        Objects.requireNonNull(cluster, "cluster must not be null");
        TopicNames.checkValid(Objects.requireNonNull(topic, "topic must not be null"));
        try (Admin admin = cluster.createAdmin()) {
            TopicDescription description =
                    admin.describeTopics(
                                    List.of(topic),
                                    new DescribeTopicsOptions()
                                            .timeoutMs((int) METADATA_TIMEOUT.toMillis()))
                            .allTopicNames()
                            .get(METADATA_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS)
                            .get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            Throwable cause = Exceptions.unwrap(e);
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException(
                        "Topic '"
                                + topic
                                + "' does not exist on "
                                + cluster.bootstrapServers()
                                + " (create it first, for example with KafkaCluster.createTopic)",
                        cause);
            }
            throw new IllegalStateException(
                    "Could not describe topic '"
                            + topic
                            + "' on "
                            + cluster.bootstrapServers()
                            + ": "
                            + Exceptions.describe(cause),
                    cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Could not describe topic '"
                            + topic
                            + "' on "
                            + cluster.bootstrapServers()
                            + " within "
                            + Deadline.describe(METADATA_TIMEOUT),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while describing topic '" + topic + "'", e);
        }
    }

    private static Properties producerProperties(KafkaCluster cluster) {
        Properties props = cluster.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    private static Properties consumerProperties(KafkaCluster cluster) {
        Properties props = cluster.clientProperties();
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private static IllegalStateException writeFailure(
            KafkaCluster cluster,
            List<ProducerRecord<byte[], byte[]>> records,
            int index,
            Throwable error) {
        ProducerRecord<byte[], byte[]> record = records.get(index);
        String target =
                record.partition() == null
                        ? record.topic()
                        : record.topic() + "-" + record.partition();
        Throwable cause = Exceptions.unwrap(error);
        return new IllegalStateException(
                "Could not write record "
                        + index
                        + " of "
                        + records.size()
                        + " to "
                        + target
                        + " on "
                        + cluster.bootstrapServers()
                        + ": "
                        + Exceptions.describe(cause),
                cause);
    }
}
