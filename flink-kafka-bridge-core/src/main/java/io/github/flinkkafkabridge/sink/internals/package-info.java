/**
 * Internal: settings shared by the sink's roles, the hand-off of a prepared transaction's producer
 * from writer to committer, and small helpers. Not public API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.internals;

import javax.annotation.ParametersAreNonnullByDefault;
