/**
 * Example jobs: each has a {@code main()} that runs on the embedded defaults (an in-process Kafka
 * broker and a local Flink) when no bootstrap address is given, and on a real cluster otherwise.
 * They are the source of every snippet in the README.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples;

import javax.annotation.ParametersAreNonnullByDefault;
