package io.github.flinkkafkabridge.sink;

import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * Chooses the partition of each record the sink writes, when the record serializer left the
 * partition unset. Without a partitioner Kafka's default partitioner decides (by key hash, or
 * sticky batches for records without key).
 *
 * <p>Must be serializable; used by one writer thread per parallel instance, {@link #open(int, int)}
 * first.
 *
 * @param <T> the type of the stream elements
 */
@FunctionalInterface
public interface KafkaBridgePartitioner<T> extends Serializable {

    /**
     * Called once per parallel writer instance before the first record.
     *
     * @param subtaskIndex the index of the writer instance, from 0
     * @param parallelism the number of writer instances
     */
    default void open(int subtaskIndex, int parallelism) {}

    /**
     * Returns the partition for a record.
     *
     * @param element the element the record was made from
     * @param key the serialized key, or null
     * @param value the serialized value, or null
     * @param topic the record's topic
     * @param partitions the topic's partition numbers, not empty
     * @return one of {@code partitions}
     */
    int partition(
            T element,
            @Nullable byte[] key,
            @Nullable byte[] value,
            String topic,
            int[] partitions);

    /**
     * A partitioner sending all records of writer instance {@code i} to partition {@code i %
     * partitions.length}, like the official connector's {@code FlinkFixedPartitioner}: few
     * connections per writer, but skewed when the parallelism does not match the partitions.
     *
     * @param <T> the type of the stream elements
     * @return a serializable partitioner
     */
    static <T> KafkaBridgePartitioner<T> fixed() {
        return new FixedPartitioner<>();
    }

    /** The partitioner behind {@link #fixed()}. */
    final class FixedPartitioner<T> implements KafkaBridgePartitioner<T> {

        private static final long serialVersionUID = 1L;

        private int subtaskIndex;

        FixedPartitioner() {}

        @Override
        public void open(int subtaskIndex, int parallelism) {
            this.subtaskIndex = subtaskIndex;
        }

        @Override
        public int partition(
                T element,
                @Nullable byte[] key,
                @Nullable byte[] value,
                String topic,
                int[] partitions) {
            return partitions[subtaskIndex % partitions.length];
        }
    }
}
