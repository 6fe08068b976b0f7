package io.github.flinkkafkabridge.source.split;

import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterStateSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoint format of {@link KafkaPartitionSplit}.
 *
 * <ul>
 *   <li>Version 1: topic (UTF), partition (int), starting offset (long), stopping offset (long).
 *   <li>Version 2 (current): version 1, then whether a dead-letter state follows (boolean) and, if
 *       so, its {@link KafkaWriterStateSerializer} version (int), length (int) and bytes.
 * </ul>
 *
 * Both versions are read; a version 1 split has no dead-letter state. Stateless.
 */
public final class KafkaPartitionSplitSerializer
        implements SimpleVersionedSerializer<KafkaPartitionSplit> {

    private static final int VERSION = 2;

    private static final int VERSION_WITHOUT_DEAD_LETTER_STATE = 1;

    private static final KafkaWriterStateSerializer DEAD_LETTER_STATE =
            new KafkaWriterStateSerializer();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KafkaPartitionSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
            KafkaWriterState state = split.deadLetterState();
            out.writeBoolean(state != null);
            if (state != null) {
                byte[] serializedState = DEAD_LETTER_STATE.serialize(state);
                out.writeInt(DEAD_LETTER_STATE.getVersion());
                out.writeInt(serializedState.length);
                out.write(serializedState);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public KafkaPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_WITHOUT_DEAD_LETTER_STATE && version != VERSION) {
            throw new IOException(
                    "Unknown KafkaPartitionSplit serializer version "
                            + version
                            + " (this library reads versions "
                            + VERSION_WITHOUT_DEAD_LETTER_STATE
                            + " and "
                            + VERSION
                            + "); was the checkpoint written by a newer release?");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            KafkaPartitionSplit split = read(in);
            if (version == VERSION_WITHOUT_DEAD_LETTER_STATE || !in.readBoolean()) {
                return split;
            }
            int stateVersion = in.readInt();
            byte[] state = new byte[in.readInt()];
            in.readFully(state);
            return split.withDeadLetterState(DEAD_LETTER_STATE.deserialize(stateVersion, state));
        }
    }

    /**
     * Writes the partition and offsets of one split (the version 1 body, without dead-letter
     * state); shared with the enumerator state serializer, whose splits never carry that state.
     */
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
