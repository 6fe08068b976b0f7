/**
 * Public API: the Kafka sink on Flink's Sink V2, {@link
 * io.github.flinkkafkabridge.sink.KafkaBridgeSink}, its builder, and the pluggable topic selector,
 * partitioner and send-error policy.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink;

import javax.annotation.ParametersAreNonnullByDefault;
