package io.github.flinkkafkabridge.examples.snippets;

import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import io.github.flinkkafkabridge.source.KafkaBridgeSource;

/**
 * A source and a sink built by one example, returned together so that a test can check both.
 *
 * @param source the source the example built
 * @param sink the sink the example built
 * @param <T> the element type
 */
public record SourceAndSink<T>(KafkaBridgeSource<T> source, KafkaBridgeSink<T> sink) {}
