/**
 * Public API: what the built-in value formats ({@code avro}, {@code protobuf}, ...) have in common.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats;

import javax.annotation.ParametersAreNonnullByDefault;
