package io.github.flinkkafkabridge.source.split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoint format of {@link KafkaPartitionSplit}. Version 1: topic (UTF), partition (int),
 * starting offset (long), stopping offset (long).
 */
public final class KafkaPartitionSplitSerializer
        implements SimpleVersionedSerializer<KafkaPartitionSplit> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KafkaPartitionSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public KafkaPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion("KafkaPartitionSplit", version, VERSION);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    /** Writes one split; shared with the enumerator state serializer. */
    public static void write(KafkaPartitionSplit split, DataOutputStream out) throws IOException {
        writePartition(split.partition(), out);
        out.writeLong(split.startingOffset());
        out.writeLong(split.stoppingOffset());
    }

    /** Reads one split written by {@link #write}. */
    public static KafkaPartitionSplit read(DataInputStream in) throws IOException {
        TopicPartition partition = readPartition(in);
        return new KafkaPartitionSplit(partition, in.readLong(), in.readLong());
    }

    /** Writes a topic partition. */
    public static void writePartition(TopicPartition partition, DataOutputStream out)
            throws IOException {
        out.writeUTF(partition.topic());
        out.writeInt(partition.partition());
    }

    /** Reads a topic partition written by {@link #writePartition}. */
    public static TopicPartition readPartition(DataInputStream in) throws IOException {
        return new TopicPartition(in.readUTF(), in.readInt());
    }

    /** Fails on a checkpoint format this release cannot read. */
    public static void checkVersion(String type, int version, int supported) throws IOException {
        if (version != supported) {
            throw new IOException(
                    "Unknown "
                            + type
                            + " serializer version "
                            + version
                            + " (this library reads version "
                            + supported
                            + "); was the checkpoint written by a newer release?");
        }
    }
}
