/**
 * Internal helpers shared by the source and the sink: client properties and the clients made from
 * them, configuration checks, authentication failures. Not public API: only the library's own
 * readers and writers use these types, and they may change in any release.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.internal;

import javax.annotation.ParametersAreNonnullByDefault;
