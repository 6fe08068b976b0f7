/**
 * Public API: {@link io.github.flinkkafkabridge.source.KafkaBridgeSource}, a FLIP-27 Kafka source,
 * its builder and the offset specifications it takes.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.source;

import javax.annotation.ParametersAreNonnullByDefault;
