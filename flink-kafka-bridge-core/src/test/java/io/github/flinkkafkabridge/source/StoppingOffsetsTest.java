package io.github.flinkkafkabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StoppingOffsetsTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    @Test
    void noneAndLatest() {
        assertThat(StoppingOffsets.none().kind()).isEqualTo(StoppingOffsets.Kind.NONE);
        assertThat(StoppingOffsets.latest().kind()).isEqualTo(StoppingOffsets.Kind.LATEST);
        assertThat(StoppingOffsets.none()).isNotEqualTo(StoppingOffsets.latest());
        assertThat(StoppingOffsets.none().timestamp()).isEqualTo(-1);
        assertThat(StoppingOffsets.none()).hasToString("StoppingOffsets.none()");
        assertThat(StoppingOffsets.latest()).hasToString("StoppingOffsets.latest()");
    }

    @Test
    void timestamp() {
        StoppingOffsets ts = StoppingOffsets.timestamp(2_000L);

        assertThat(ts.kind()).isEqualTo(StoppingOffsets.Kind.TIMESTAMP);
        assertThat(ts.timestamp()).isEqualTo(2_000L);
        assertThat(ts)
                .isEqualTo(StoppingOffsets.timestamp(Instant.ofEpochMilli(2_000L)))
                .hasSameHashCodeAs(StoppingOffsets.timestamp(2_000L))
                .isNotEqualTo(StoppingOffsets.timestamp(2_001L))
                .hasToString("StoppingOffsets.timestamp(2000)");
        assertThatThrownBy(() -> StoppingOffsets.timestamp(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Stopping timestamp must be >= 0 (epoch milliseconds), got -1");
    }

    @Test
    void specificCopiesTheMapAndIsUnmodifiable() {
        Map<TopicPartition, Long> offsets = new HashMap<>(Map.of(TP0, 10L));
        StoppingOffsets specific = StoppingOffsets.specific(offsets);
        offsets.put(TP1, 20L);

        assertThat(specific.kind()).isEqualTo(StoppingOffsets.Kind.SPECIFIC);
        assertThat(specific.specificOffsets()).containsExactly(Map.entry(TP0, 10L));
        assertThatThrownBy(() -> specific.specificOffsets().put(TP1, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> StoppingOffsets.latest().specificOffsets().put(TP1, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(specific)
                .isEqualTo(StoppingOffsets.specific(Map.of(TP0, 10L)))
                .hasSameHashCodeAs(StoppingOffsets.specific(Map.of(TP0, 10L)))
                .isNotEqualTo(StoppingOffsets.specific(Map.of(TP0, 11L)))
                .hasToString("StoppingOffsets.specific({t-0=10})");
    }

    @Test
    void specificValidation() {
        assertThatThrownBy(() -> StoppingOffsets.specific(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Specific stopping offsets must name at least one partition");
        assertThatThrownBy(() -> StoppingOffsets.specific(Map.of(TP1, -3L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Specific stopping offset of t-1 must be a non-negative number, got -3");
        assertThat(StoppingOffsets.specific(Map.of(TP0, 0L)).specificOffsets())
                .containsEntry(TP0, 0L);
    }

    @Test
    void serializableAndEqualAfterRoundTrip() throws Exception {
        StoppingOffsets specific = StoppingOffsets.specific(Map.of(TP0, 10L));

        assertThat(InstantiationUtil.clone(specific)).isEqualTo(specific);
        assertThat(InstantiationUtil.clone(StoppingOffsets.none()))
                .isEqualTo(StoppingOffsets.none());
    }
}
