/**
 * Internal: the sink's writers (one per parallel instance, called from the task thread) and the
 * factory of the Kafka clients they use. The EXACTLY_ONCE machinery they share with the source's
 * dead-letter writer lives in {@code io.github.flinkkafkabridge.internal.transactions}. Not public
 * API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.writer;

import javax.annotation.ParametersAreNonnullByDefault;
