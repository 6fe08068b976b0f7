/**
 * The main example: a real-time word count from Kafka to Kafka with event-time windows, keyed
 * state, watermarks, a dead-letter topic for malformed input and an exactly-once sink, plus the
 * quickstart that runs it on an in-process broker with live progress.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.examples.wordcount;

import javax.annotation.ParametersAreNonnullByDefault;
