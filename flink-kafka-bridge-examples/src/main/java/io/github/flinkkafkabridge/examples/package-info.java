/**
 * Example jobs: each has a {@code main()} that runs on the embedded defaults (an in-process Kafka
 * broker and a local Flink) when no bootstrap address is given, and on a real cluster otherwise.
 * They, and the small classes of {@code snippets}, are the source of every code example in the
 * README and in the javadoc of the library.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples;

import javax.annotation.ParametersAreNonnullByDefault;
