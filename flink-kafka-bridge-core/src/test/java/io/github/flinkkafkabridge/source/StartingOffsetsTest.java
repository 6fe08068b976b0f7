package io.github.flinkkafkabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StartingOffsetsTest {

    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    @Test
    void earliestAndLatest() {
        assertThat(StartingOffsets.earliest().kind()).isEqualTo(StartingOffsets.Kind.EARLIEST);
        assertThat(StartingOffsets.earliest().timestamp()).isEqualTo(-1);
        assertThat(StartingOffsets.earliest().specificOffsets()).isEmpty();
        assertThat(StartingOffsets.latest().kind()).isEqualTo(StartingOffsets.Kind.LATEST);
        assertThat(StartingOffsets.earliest()).hasToString("StartingOffsets.earliest()");
        assertThat(StartingOffsets.latest()).hasToString("StartingOffsets.latest()");
    }

    @Test
    void committedDefaultsToEarliestFallback() {
        StartingOffsets committed = StartingOffsets.committed();

        assertThat(committed.kind()).isEqualTo(StartingOffsets.Kind.COMMITTED);
        assertThat(committed.fallback()).isEqualTo(ResetStrategy.EARLIEST);
        assertThat(committed).isEqualTo(StartingOffsets.committed(ResetStrategy.EARLIEST));
        assertThat(committed).isNotEqualTo(StartingOffsets.committed(ResetStrategy.NONE));
        assertThat(StartingOffsets.committed(ResetStrategy.LATEST))
                .hasToString("StartingOffsets.committed(fallback LATEST)");
        assertThatThrownBy(() -> StartingOffsets.committed(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("fallback");
    }

    @Test
    void timestamp() {
        StartingOffsets ts = StartingOffsets.timestamp(1_000L);

        assertThat(ts.kind()).isEqualTo(StartingOffsets.Kind.TIMESTAMP);
        assertThat(ts.timestamp()).isEqualTo(1_000L);
        assertThat(ts.fallback()).isEqualTo(ResetStrategy.LATEST);
        assertThat(ts).isEqualTo(StartingOffsets.timestamp(Instant.ofEpochMilli(1_000L)));
        assertThat(ts).isNotEqualTo(StartingOffsets.timestamp(1_001L));
        assertThat(ts).hasToString("StartingOffsets.timestamp(1000)");
        assertThat(StartingOffsets.timestamp(0).timestamp()).isZero();
    }

    @Test
    void negativeTimestampIsRejected() {
        assertThatThrownBy(() -> StartingOffsets.timestamp(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Starting timestamp must be >= 0 (epoch milliseconds), got -5");
    }

    @Test
    void specificDefaultsToEarliestFallbackAndCopiesTheMap() {
        Map<TopicPartition, Long> offsets = new HashMap<>(Map.of(TP0, 5L));
        StartingOffsets specific = StartingOffsets.specific(offsets);
        offsets.put(TP1, 9L);

        assertThat(specific.kind()).isEqualTo(StartingOffsets.Kind.SPECIFIC);
        assertThat(specific.fallback()).isEqualTo(ResetStrategy.EARLIEST);
        assertThat(specific.specificOffsets()).containsExactly(Map.entry(TP0, 5L));
        assertThat(specific)
                .isEqualTo(StartingOffsets.specific(Map.of(TP0, 5L), ResetStrategy.EARLIEST))
                .hasSameHashCodeAs(
                        StartingOffsets.specific(Map.of(TP0, 5L), ResetStrategy.EARLIEST));
        assertThat(specific)
                .isNotEqualTo(StartingOffsets.specific(Map.of(TP0, 5L), ResetStrategy.NONE))
                .isNotEqualTo(StartingOffsets.specific(Map.of(TP0, 6L)));
        assertThat(StartingOffsets.specific(Map.of(TP0, 5L), ResetStrategy.LATEST))
                .hasToString("StartingOffsets.specific({t-0=5}, fallback LATEST)");
    }

    @Test
    void specificOffsetsAreUnmodifiable() {
        StartingOffsets specific = StartingOffsets.specific(Map.of(TP0, 5L));

        assertThatThrownBy(() -> specific.specificOffsets().put(TP1, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> StartingOffsets.earliest().specificOffsets().put(TP1, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(specific.specificOffsets()).containsOnlyKeys(TP0);
    }

    @Test
    void specificValidation() {
        assertThatThrownBy(() -> StartingOffsets.specific(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Specific starting offsets must name at least one partition");
        assertThatThrownBy(() -> StartingOffsets.specific(Map.of(TP0, -1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Specific starting offset of t-0 must be a non-negative number, got -1");
        Map<TopicPartition, Long> nullValue = new HashMap<>();
        nullValue.put(TP0, null);
        assertThatThrownBy(() -> StartingOffsets.specific(nullValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got null");
        Map<TopicPartition, Long> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> StartingOffsets.specific(nullKey))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartingOffsets.specific(Map.of(TP0, 1L), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void kindsDifferEvenWithSameFallback() {
        assertThat(StartingOffsets.earliest())
                .isNotEqualTo(StartingOffsets.committed(ResetStrategy.EARLIEST));
        assertThat(StartingOffsets.latest()).isNotEqualTo(StartingOffsets.earliest());
        assertThat(StartingOffsets.earliest()).isNotEqualTo(null);
    }

    @Test
    void serializableAndEqualAfterRoundTrip() throws Exception {
        StartingOffsets specific = StartingOffsets.specific(Map.of(TP0, 5L), ResetStrategy.NONE);

        assertThat(InstantiationUtil.clone(specific))
                .isEqualTo(specific)
                .hasSameHashCodeAs(specific);
        assertThat(InstantiationUtil.clone(StartingOffsets.earliest()))
                .isEqualTo(StartingOffsets.earliest());
    }
}
