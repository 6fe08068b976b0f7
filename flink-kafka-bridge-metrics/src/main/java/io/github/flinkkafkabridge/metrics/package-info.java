/**
 * Public API: the read/write rate and latency model of a Kafka pipeline and the metrics the source
 * and sink register with Flink. Pure Java plus {@code flink-metrics-core}, usable on its own.
 *
 * <p>The model: a read rate {@code R = B / T} and a write rate {@code W = B / T} (volume {@code B}
 * moved in interval {@code T}), tied to latency by Little's law: data in flight = rate x latency,
 * so time lag = backlog / rate. Every metric name, unit and meaning is declared in {@link
 * io.github.flinkkafkabridge.metrics.KafkaBridgeMetric}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.metrics;

import javax.annotation.ParametersAreNonnullByDefault;
