/**
 * Internal: settings shared by the sink's roles, the one class touching kafka-clients internals,
 * and small helpers. Not public API: may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.sink.internals;

import javax.annotation.ParametersAreNonnullByDefault;
