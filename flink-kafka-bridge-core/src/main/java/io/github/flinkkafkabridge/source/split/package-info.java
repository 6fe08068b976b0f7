/**
 * Internal: the split role of {@link io.github.flinkkafkabridge.source.KafkaBridgeSource} on
 * FLIP-27. Not public API; may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.source.split;

import javax.annotation.ParametersAreNonnullByDefault;
