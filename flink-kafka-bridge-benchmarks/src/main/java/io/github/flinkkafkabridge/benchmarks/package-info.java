/**
 * Benchmark harness, internal: runs the bridge, the official Kafka connector and the raw Kafka
 * clients side by side on one in-process broker and writes a CSV, SVG plots and a Markdown summary.
 * Start with {@link io.github.flinkkafkabridge.benchmarks.BenchmarkMain}.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.benchmarks;

import javax.annotation.ParametersAreNonnullByDefault;
