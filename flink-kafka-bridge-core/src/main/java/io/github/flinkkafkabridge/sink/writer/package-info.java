/**
 * Internal: the sink's writers (one per parallel instance, called from the task thread), their
 * state and the transactional id pool. Not public API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.writer;

import javax.annotation.ParametersAreNonnullByDefault;
