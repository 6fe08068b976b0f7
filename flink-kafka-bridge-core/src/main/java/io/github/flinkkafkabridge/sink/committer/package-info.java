/**
 * Internal: the committer that commits the sink's prepared Kafka transactions when their checkpoint
 * completes. The committable and the commit itself, shared with the source's EXACTLY_ONCE
 * dead-letter writer, live in {@code io.github.flinkkafkabridge.internal.transactions}. Not public
 * API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.committer;

import javax.annotation.ParametersAreNonnullByDefault;
