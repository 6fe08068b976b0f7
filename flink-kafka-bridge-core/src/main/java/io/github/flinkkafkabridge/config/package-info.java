/**
 * Public API: configuration errors shared by the source and the sink builders.
 *
 * <p>Every builder validates its options in {@code build()} and reports all problems at once in a
 * {@link io.github.flinkkafkabridge.config.KafkaBridgeConfigException}, naming each option and the
 * setter that fixes it.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.config;

import javax.annotation.ParametersAreNonnullByDefault;
