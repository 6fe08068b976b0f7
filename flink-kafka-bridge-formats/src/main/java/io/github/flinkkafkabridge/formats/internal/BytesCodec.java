package io.github.flinkkafkabridge.formats.internal;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns a format's values into bytes and back, so they travel between Flink operators in their own
 * binary form instead of through Kryo. Implementations are immutable, serializable and thread-safe,
 * and define {@code equals}.
 *
 * @param <T> the value type
 */
public interface BytesCodec<T> extends Serializable {

    /** The class of the values. */
    Class<T> valueClass();

    byte[] encode(T value) throws IOException;

    T decode(byte[] bytes) throws IOException;
}
