/**
 * JMH benchmark of the source's record emitter, in the emitter's package because the emitter is
 * package-private; internal, not shipped.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.source.reader;

import javax.annotation.ParametersAreNonnullByDefault;
