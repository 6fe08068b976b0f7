package io.github.flinkkafkabridge.benchmarks;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Drops every element and counts it into {@link Progress}: the end of every source job, so the
 * source and its deserializer are what is measured.
 */
final class CountingDiscardSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>();
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final int chunk = Progress.chunk();
        private long pending;
        private long nulls;

        @Override
        public void write(T element, Context context) {
            // Reading the element keeps the deserialized value alive.
            if (element == null) {
                nulls++;
            }
            if (++pending == chunk) {
                Progress.add(pending);
                pending = 0;
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            Progress.add(pending);
            pending = 0;
        }

        @Override
        public void close() throws IOException {
            Progress.add(pending);
            pending = 0;
            if (nulls > 0) {
                throw new IOException(nulls + " null elements");
            }
        }
    }
}
