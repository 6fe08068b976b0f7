/** Test support shared by the unit and integration tests of the core module. */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.testing;

import javax.annotation.ParametersAreNonnullByDefault;
