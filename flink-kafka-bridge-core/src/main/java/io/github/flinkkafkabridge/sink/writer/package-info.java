/**
 * Internal: the sink's writers (one per parallel instance, called from the task thread), their
 * state, and the EXACTLY_ONCE machinery they share with the source's dead-letter writer: the
 * transactional id pool, the recovery of leftover transactions, the transaction timeout check and
 * the prefix registry. Not public API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.writer;

import javax.annotation.ParametersAreNonnullByDefault;
