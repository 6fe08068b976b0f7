/**
 * The Avro examples of the formats' javadoc, on the generated {@code Order} of {@code
 * src/main/avro/order.avsc}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.snippets.avro;

import javax.annotation.ParametersAreNonnullByDefault;
