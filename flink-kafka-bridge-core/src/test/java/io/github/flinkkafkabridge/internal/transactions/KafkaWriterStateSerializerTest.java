package io.github.flinkkafkabridge.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaWriterStateSerializerTest {

    private final KafkaCommittable committable =
            new KafkaCommittable("prefix-2-1-3", new ProducerSession(1234L, (short) 7, true));

    @Test
    void writerStateRoundTrips() throws IOException {
        KafkaWriterStateSerializer serializer = new KafkaWriterStateSerializer();
        KafkaWriterState state =
                new KafkaWriterState(
                        "prefix",
                        2,
                        1,
                        5,
                        List.of(
                                committable,
                                new KafkaCommittable(
                                        "prefix-2-1-4",
                                        new ProducerSession(5L, (short) 0, false))));

        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
                .isEqualTo(state);
    }

    @Test
    void committableRoundTrips() throws IOException {
        KafkaCommittableSerializer serializer = new KafkaCommittableSerializer();
        assertThat(
                        serializer.deserialize(
                                serializer.getVersion(), serializer.serialize(committable)))
                .isEqualTo(committable);
    }

    @Test
    void unknownVersionsFailNamingTheVersion() {
        assertThatThrownBy(() -> new KafkaWriterStateSerializer().deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("99");
        assertThatThrownBy(() -> new KafkaCommittableSerializer().deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
