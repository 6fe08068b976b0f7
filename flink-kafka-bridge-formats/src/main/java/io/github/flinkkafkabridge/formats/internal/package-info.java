/**
 * Internal: helpers shared by the format packages (Flink type information for format values, a
 * length-checking Avro decoder, varints). No public signature of the formats exposes these types
 * except as {@code TypeInformation}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.internal;

import javax.annotation.ParametersAreNonnullByDefault;
