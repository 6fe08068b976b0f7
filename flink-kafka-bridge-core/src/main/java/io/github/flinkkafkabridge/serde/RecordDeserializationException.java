package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record could not be turned into stream elements. The message names the topic, partition
 * and offset of the record and the sizes of its key and value, so an operator can find it (for
 * example with {@code kafka-console-consumer --partition P --offset O}).
 */
public class RecordDeserializationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final long offset;

    /**
     * @param record the record that failed
     * @param cause what the deserializer threw
     */
    public RecordDeserializationException(
            ConsumerRecord<byte[], byte[]> record, @Nullable Throwable cause) {
        super(describe(record, cause), cause);
        this.topic = record.topic();
        this.partition = record.partition();
        this.offset = record.offset();
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    private static String describe(
            ConsumerRecord<byte[], byte[]> record, @Nullable Throwable cause) {
        return "Failed to deserialize record from "
                + record.topic()
                + "-"
                + record.partition()
                + " at offset "
                + record.offset()
                + " (key "
                + size(record.key())
                + ", value "
                + size(record.value())
                + ", timestamp "
                + record.timestamp()
                + ")"
                + (cause == null ? "" : ": " + cause);
    }

    private static String size(@Nullable byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " bytes";
    }
}
