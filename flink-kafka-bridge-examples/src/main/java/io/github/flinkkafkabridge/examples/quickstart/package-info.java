/** The quickstart: write lines to Kafka, read them back with the source and count the words. */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.quickstart;

import javax.annotation.ParametersAreNonnullByDefault;
