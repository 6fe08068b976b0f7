package io.github.flinkkafkabridge.source.enumerator;

import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import io.github.flinkkafkabridge.source.split.KafkaPartitionSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Checkpoint format of {@link KafkaEnumeratorState}. Version 1: initial-discovery flag (boolean),
 * assigned partition count (int) and partitions, pending split count (int) and splits.
 */
public final class KafkaEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KafkaEnumeratorState> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(KafkaEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(state.initialDiscoveryFinished());
            out.writeInt(state.assignedPartitions().size());
            for (TopicPartition partition : state.assignedPartitions()) {
                KafkaPartitionSplitSerializer.writePartition(partition, out);
            }
            out.writeInt(state.pendingSplits().size());
            for (KafkaPartitionSplit split : state.pendingSplits()) {
                KafkaPartitionSplitSerializer.write(split, out);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public KafkaEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        KafkaPartitionSplitSerializer.checkVersion("KafkaEnumeratorState", version, VERSION);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            boolean initialDiscoveryFinished = in.readBoolean();
            int assignedCount = in.readInt();
            Set<TopicPartition> assigned = new HashSet<>();
            for (int i = 0; i < assignedCount; i++) {
                assigned.add(KafkaPartitionSplitSerializer.readPartition(in));
            }
            int pendingCount = in.readInt();
            List<KafkaPartitionSplit> pending = new ArrayList<>(pendingCount);
            for (int i = 0; i < pendingCount; i++) {
                pending.add(KafkaPartitionSplitSerializer.read(in));
            }
            return new KafkaEnumeratorState(assigned, pending, initialDiscoveryFinished);
        }
    }
}
