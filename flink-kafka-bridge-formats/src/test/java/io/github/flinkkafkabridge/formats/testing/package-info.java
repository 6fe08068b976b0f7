/** Internal: test helpers of the formats module. */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.formats.testing;

import javax.annotation.ParametersAreNonnullByDefault;
