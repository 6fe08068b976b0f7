package io.github.flinkkafkabridge.internal.transactions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint format of {@link KafkaCommittable}; version 1. Stateless. */
public final class KafkaCommittableSerializer
        implements SimpleVersionedSerializer<KafkaCommittable> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KafkaCommittable committable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(committable, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public KafkaCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown KafkaCommittable serialization version "
                            + version
                            + " (this version of the sink reads version "
                            + VERSION
                            + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    /** Writes a committable in version 1 format; shared with the writer state serializer. */
    public static void write(KafkaCommittable committable, DataOutputStream out)
            throws IOException {
        out.writeUTF(committable.transactionalId());
        out.writeLong(committable.session().producerId());
        out.writeShort(committable.session().epoch());
        out.writeBoolean(committable.session().transactionV2());
    }

    /** Reads a committable written by {@link #write}. */
    public static KafkaCommittable read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        long producerId = in.readLong();
        short epoch = in.readShort();
        boolean tv2 = in.readBoolean();
        return new KafkaCommittable(id, new ProducerSession(producerId, epoch, tv2));
    }
}
