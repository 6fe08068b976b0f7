/**
 * Internal: the enumerator role of {@link io.github.flinkkafkabridge.source.KafkaBridgeSource} on
 * FLIP-27. Not public API; may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.source.enumerator;

import javax.annotation.ParametersAreNonnullByDefault;
