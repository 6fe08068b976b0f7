/**
 * Public API: Protocol Buffers values as generated message classes. Start at {@link
 * io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat}. For the Schema Registry wire format
 * see {@code io.github.flinkkafkabridge.formats.registry}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.protobuf;

import javax.annotation.ParametersAreNonnullByDefault;
