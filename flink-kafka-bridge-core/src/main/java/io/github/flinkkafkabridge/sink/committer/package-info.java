/**
 * Internal: the committable that hands a prepared Kafka transaction from writer to committer, the
 * committer that commits it when the checkpoint completes, and the commit itself, shared with the
 * source's EXACTLY_ONCE dead-letter writer. Not public API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.committer;

import javax.annotation.ParametersAreNonnullByDefault;
