/**
 * Public API: configuration and credential errors shared by the source and the sink.
 *
 * <p>Every builder validates its options in {@code build()} and reports all problems at once in a
 * {@link io.github.flinkkafkabridge.config.KafkaBridgeConfigException}, naming each option and the
 * setter that fixes it. When the brokers reject the credentials of a client, the job fails at once
 * with a {@link io.github.flinkkafkabridge.config.KafkaBridgeAuthenticationException} naming the
 * cluster and the security settings to check.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.config;

import javax.annotation.ParametersAreNonnullByDefault;
