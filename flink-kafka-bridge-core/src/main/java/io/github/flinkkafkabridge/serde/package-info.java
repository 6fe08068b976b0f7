/**
 * Public API: how Kafka records become stream elements and back. The source reads through a {@code
 * KafkaRecordDeserializer}, the sink writes through a {@code KafkaRecordSerializer}; both see the
 * whole Kafka record (key, value, headers, topic, partition, offset or timestamp).
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.serde;

import javax.annotation.ParametersAreNonnullByDefault;
