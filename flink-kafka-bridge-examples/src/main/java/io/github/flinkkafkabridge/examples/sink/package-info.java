/**
 * Example jobs writing to Kafka with {@link io.github.flinkkafkabridge.sink.KafkaBridgeSink}; run
 * their {@code main} on the embedded defaults, then copy them.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.sink;

import javax.annotation.ParametersAreNonnullByDefault;
