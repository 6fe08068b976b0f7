package io.github.flinkkafkabridge.sink.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what a sink wrote, the way consumers and operators would see it. */
public final class KafkaReads {

    private KafkaReads() {}

    /**
     * Every record of {@code topic} up to the end visible to a consumer with the given isolation
     * level (for {@code read_committed}, the last stable offset: an open transaction blocks it), as
     * UTF-8 strings.
     */
    public static List<String> readAll(
            String bootstrapServers, String topic, boolean readCommitted, Duration timeout) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                readAllRecords(bootstrapServers, topic, readCommitted, timeout)) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** Like {@link #readAll}, returning the whole records. */
    public static List<ConsumerRecord<byte[], byte[]>> readAllRecords(
            String bootstrapServers, String topic, boolean readCommitted, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(bootstrapServers, readCommitted))) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, timeout).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "Timed out reading "
                                    + topic
                                    + " up to "
                                    + end
                                    + "; read "
                                    + records.size());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A consumer's properties; {@code read_committed} when asked. */
    public static Properties consumerProperties(String bootstrapServers, boolean readCommitted) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("key.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("value.deserializer", ByteArrayDeserializer.class.getName());
        props.setProperty("enable.auto.commit", "false");
        props.setProperty("auto.offset.reset", "earliest");
        props.setProperty("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        return props;
    }

    private static boolean reached(
            KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The transactions the broker knows for ids matching {@code prefix-<n>-<n>-<n>}. */
    public static List<TransactionListing> transactionsOf(Admin admin, String prefix)
            throws Exception {
        return List.copyOf(
                admin.listTransactions(
                                new ListTransactionsOptions()
                                        .filterOnTransactionalIdPattern(
                                                Pattern.quote(prefix) + "-\\d+-\\d+-\\d+"))
                        .all()
                        .get());
    }

    /**
     * Waits at most 20 s until the transaction coordinator describes the id in one of the {@code
     * expected} states (an id it does not know yet counts as none) and returns that description.
     *
     * @throws AssertionError when it does not within the time
     */
    public static TransactionDescription awaitTransactionState(
            Admin admin, String id, TransactionState... expected) throws Exception {
        Set<TransactionState> states = Set.of(expected);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        TransactionDescription last = null;
        while (System.nanoTime() < deadline) {
            try {
                last =
                        admin.describeTransactions(List.of(id))
                                .description(id)
                                .get(20, TimeUnit.SECONDS);
                if (states.contains(last.state())) {
                    return last;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                    throw e;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(
                "Transaction "
                        + id
                        + " is "
                        + (last == null ? "unknown to the coordinator" : last.state())
                        + ", expected one of "
                        + states);
    }

    /** The distinct transactional ids of the listings. */
    public static Set<String> ids(List<TransactionListing> listings) {
        return listings.stream()
                .map(TransactionListing::transactionalId)
                .collect(Collectors.toSet());
    }
}
