/**
 * Internal: the reader role of {@link io.github.flinkkafkabridge.source.KafkaBridgeSource} on
 * FLIP-27, with the handling of bad records and the dead-letter writers (AT_LEAST_ONCE, and
 * EXACTLY_ONCE on the sink's transaction machinery). Not public API; may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.source.reader;

import javax.annotation.ParametersAreNonnullByDefault;
