package io.github.flinkkafkabridge.examples.snippets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KeyValueLinesTest {

    @Test
    void emitsKeyEqualsValueAndSkipsRecordsWithoutKeyOrValue() throws Exception {
        List<String> out = new ArrayList<>();
        KeyValueLines lines = new KeyValueLines();

        lines.deserialize(record("colour".getBytes(UTF_8), "blue".getBytes(UTF_8)), collect(out));
        lines.deserialize(record(null, "no key".getBytes(UTF_8)), collect(out));
        lines.deserialize(record("tombstone".getBytes(UTF_8), null), collect(out));

        assertThat(out).containsExactly("colour=blue");
        assertThat(lines.getProducedType()).isEqualTo(Types.STRING);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("settings", 0, 0L, key, value);
    }

    private static ListCollector<String> collect(List<String> out) {
        return new ListCollector<>(out);
    }
}
