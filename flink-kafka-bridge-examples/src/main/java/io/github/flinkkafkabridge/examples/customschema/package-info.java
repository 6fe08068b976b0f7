/**
 * Extension via custom schemas: the application's own record type, {@link
 * io.github.flinkkafkabridge.examples.customschema.SensorReading}, written and read with its own
 * small serializer and deserializer class.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.customschema;

import javax.annotation.ParametersAreNonnullByDefault;
