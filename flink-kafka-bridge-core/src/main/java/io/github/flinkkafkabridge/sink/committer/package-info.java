/**
 * Internal: the committable that hands a prepared Kafka transaction from writer to committer, and
 * the committer that commits it when the checkpoint completes. Not public API: may change in any
 * release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.committer;

import javax.annotation.ParametersAreNonnullByDefault;
