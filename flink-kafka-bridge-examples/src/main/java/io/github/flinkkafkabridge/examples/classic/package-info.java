/** The two classic Kafka jobs: lines to (word, 1) pairs, and writing "hello" and "world". */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.classic;

import javax.annotation.ParametersAreNonnullByDefault;
