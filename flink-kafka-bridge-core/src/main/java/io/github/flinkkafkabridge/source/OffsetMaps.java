package io.github.flinkkafkabridge.source;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Validation shared by the offset specifications. */
final class OffsetMaps {

    private OffsetMaps() {}

    static void checkOffsets(Map<TopicPartition, Long> offsets, String what) {
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException(
                    "Specific " + what + " offsets must name at least one partition");
        }
        offsets.forEach(
                (partition, offset) -> {
                    if (partition == null || offset == null || offset < 0) {
                        throw new IllegalArgumentException(
                                "Specific "
                                        + what
                                        + " offset of "
                                        + partition
                                        + " must be a non-negative number, got "
                                        + offset);
                    }
                });
    }

    static void checkTimestamp(long epochMillis, String what) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException(
                    Character.toUpperCase(what.charAt(0))
                            + what.substring(1)
                            + " timestamp must be >= 0 (epoch milliseconds), got "
                            + epochMillis);
        }
    }
}
