package io.github.flinkkafkabridge.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds test records and drains result iterators. */
public final class Records {

    private Records() {}

    /** A string record for an explicit partition, with an optional timestamp. */
    public static ProducerRecord<byte[], byte[]> record(
            String topic, int partition, @Nullable Long timestamp, String value) {
        return new ProducerRecord<>(topic, partition, timestamp, null, value.getBytes(UTF_8));
    }

    /**
     * {@code count} values {@code prefix-0 .. prefix-(count-1)} spread round-robin over partitions.
     */
    public static List<ProducerRecord<byte[], byte[]>> values(
            String topic, int partitions, String prefix, int count) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(topic, i % partitions, null, prefix + "-" + i));
        }
        return records;
    }

    /** The values of records as strings. */
    public static List<String> valuesOf(List<ProducerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>(records.size());
        records.forEach(r -> values.add(new String(r.value(), UTF_8)));
        return values;
    }

    /** Takes the next {@code count} elements (blocking; bound the test with a timeout). */
    public static <T> List<T> take(Iterator<T> iterator, int count) {
        List<T> taken = new ArrayList<>(count);
        while (taken.size() < count && iterator.hasNext()) {
            taken.add(iterator.next());
        }
        return taken;
    }

    /**
     * Takes elements until {@code stop} has matched {@code stops} of them; returns the others
     * (blocking; bound the test with a timeout).
     */
    public static <T> List<T> takeUntil(Iterator<T> iterator, Predicate<T> stop, int stops) {
        List<T> taken = new ArrayList<>();
        int seen = 0;
        while (seen < stops && iterator.hasNext()) {
            T next = iterator.next();
            if (stop.test(next)) {
                seen++;
            } else {
                taken.add(next);
            }
        }
        return taken;
    }
}
