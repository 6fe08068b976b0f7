/**
 * Internal helpers shared by the source and the sink. Not public API: no public signature outside
 * this package exposes these types, and they may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.internal;

import javax.annotation.ParametersAreNonnullByDefault;
