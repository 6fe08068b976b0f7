package io.github.flinkkafkabridge.internal.transactions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint format of {@link KafkaWriterState}; version 1. Stateless. */
public final class KafkaWriterStateSerializer
        implements SimpleVersionedSerializer<KafkaWriterState> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KafkaWriterState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(state.transactionalIdPrefix());
            out.writeInt(state.parallelism());
            out.writeInt(state.subtaskIndex());
            out.writeInt(state.poolSize());
            out.writeInt(state.pending().size());
            for (KafkaCommittable committable : state.pending()) {
                KafkaCommittableSerializer.write(committable, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public KafkaWriterState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown KafkaWriterState serialization version "
                            + version
                            + " (this version of the sink reads version "
                            + VERSION
                            + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            String prefix = in.readUTF();
            int parallelism = in.readInt();
            int subtask = in.readInt();
            int poolSize = in.readInt();
            int count = in.readInt();
            List<KafkaCommittable> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(KafkaCommittableSerializer.read(in));
            }
            return new KafkaWriterState(prefix, parallelism, subtask, poolSize, pending);
        }
    }
}
