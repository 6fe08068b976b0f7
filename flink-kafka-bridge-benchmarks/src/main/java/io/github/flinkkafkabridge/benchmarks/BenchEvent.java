package io.github.flinkkafkabridge.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The JSON record of the source benchmarks: a Flink POJO that Jackson maps from a 100-byte value
 * such as {@code {"id":42,"ts":1700000000000,"user":"u42","payload":"xxxx..."}}.
 */
public final class BenchEvent {

    /** Size of every record value in the benchmarks, in bytes. */
    public static final int VALUE_BYTES = 100;

    public long id;
    public long ts;
    public String user;
    public String payload;

    public BenchEvent() {}

    /** The JSON value of record {@code id}, padded to exactly {@link #VALUE_BYTES} bytes. */
    public static byte[] json(long id, long ts) {
        String head =
                "{\"id\":"
                        + id
                        + ",\"ts\":"
                        + ts
                        + ",\"user\":\"u"
                        + (id % 1000)
                        + "\",\"payload\":\"";
        int padding = VALUE_BYTES - head.length() - 2;
        char[] pad = new char[Math.max(0, padding)];
        Arrays.fill(pad, 'x');
        byte[] value = (head + new String(pad) + "\"}").getBytes(StandardCharsets.US_ASCII);
        if (value.length != VALUE_BYTES) {
            throw new IllegalStateException("value of " + value.length + " bytes for id " + id);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchEvent e
                && id == e.id
                && ts == e.ts
                && Objects.equals(user, e.user)
                && Objects.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
