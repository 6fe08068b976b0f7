/**
 * Public API: {@link io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe}, the lag of any consumer
 * group in records and estimated seconds, usable outside Flink.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.lag;

import javax.annotation.ParametersAreNonnullByDefault;
