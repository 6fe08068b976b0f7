/**
 * JMH micro-benchmarks of the bridge's per-record hot paths: deserializers and metrics updates. The
 * record emitter's benchmark lives in {@code io.github.flinkkafkabridge.source.reader}, the
 * emitter's own package, because the emitter is package-private. Not run in CI; see the README.
 */
@ParametersAreNonnullByDefault
package io.github.flinkkafkabridge.benchmarks.jmh;

import javax.annotation.ParametersAreNonnullByDefault;
