package io.github.flinkkafkabridge.benchmarks;

import io.github.flinkkafkabridge.internal.BatchSizing;
import io.github.flinkkafkabridge.internal.ClientProperties;
import io.github.flinkkafkabridge.internal.ProducerProperties;
import io.github.flinkkafkabridge.source.KafkaBridgeSourceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes the benchmark data sets and reads topic sizes, with the plain Kafka clients. */
final class KafkaData {

    private KafkaData() {}

    /** Producer settings shared by the raw contender and the data loader. */
    static Properties producerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.setProperty(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * Producer settings of the raw contender: those of the data loader plus the batching the
     * bridge's sink chooses for the benchmark's topics, its {@code buffer.memory} and its {@code
     * send.buffer.bytes}, so that the raw producer and the bridge differ in their work, not in
     * their settings.
     */
    static Properties rawProducerProperties(String bootstrapServers) {
        Properties props = producerProperties(bootstrapServers);
        props.setProperty(
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(BatchSizing.LARGE_BATCH_BYTES));
        props.setProperty(
                ProducerConfig.LINGER_MS_CONFIG,
                Integer.toString(BatchSizing.LARGE_BATCH_LINGER_MS));
        props.setProperty(
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                Long.toString(ProducerProperties.DEFAULT_BUFFER_MEMORY_BYTES));
        props.setProperty(
                ProducerConfig.SEND_BUFFER_CONFIG, ClientProperties.OS_DEFAULT_SOCKET_BUFFER);
        return props;
    }

    /**
     * Consumer settings of the raw contender: the bridge source's default {@code max.poll.records}
     * and {@code receive.buffer.bytes}, and no offset commits.
     */
    static Properties rawConsumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.toString(KafkaBridgeSourceBuilder.DEFAULT_MAX_POLL_RECORDS));
        props.setProperty(
                ConsumerConfig.RECEIVE_BUFFER_CONFIG, ClientProperties.OS_DEFAULT_SOCKET_BUFFER);
        return props;
    }

    /** Writes {@code records} 100-byte JSON values round-robin over the topic's partitions. */
    static void writeJsonRecords(
            String bootstrapServers, String topic, int partitions, long records) {
        Properties props = producerProperties(bootstrapServers);
        props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long ts = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records; i++) {
                producer.send(
                        new ProducerRecord<>(
                                topic, (int) (i % partitions), ts, null, BenchEvent.json(i, ts)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Writing " + topic + " failed", failure.get());
        }
    }

    /** The sum of the latest offsets of a topic's partitions (data plus transaction markers). */
    static long endOffsetSum(String bootstrapServers, String topic, int partitions)
            throws Exception {
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicPartition tp : partitions(topic, partitions)) {
                request.put(tp, OffsetSpec.latest());
            }
            long sum = 0;
            for (var info : admin.listOffsets(request).all().get().values()) {
                sum += info.offset();
            }
            return sum;
        }
    }

    /** The partitions {@code 0..n-1} of a topic. */
    static List<TopicPartition> partitions(String topic, int n) {
        List<TopicPartition> list = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            list.add(new TopicPartition(topic, p));
        }
        return list;
    }
}
