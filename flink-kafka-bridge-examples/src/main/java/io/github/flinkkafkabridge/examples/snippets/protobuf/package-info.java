/**
 * The Protobuf examples of the formats' javadoc, on the generated {@code Order} of {@code
 * src/main/proto/order.proto}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.snippets.protobuf;

import javax.annotation.ParametersAreNonnullByDefault;
