package io.github.flinkkafkabridge.benchmarks.jmh;

import org.apache.flink.util.Collector;
import org.openjdk.jmh.infra.Blackhole;

/** A Flink collector that hands every element to JMH's blackhole. */
final class BlackholeCollector<T> implements Collector<T> {

    private final Blackhole blackhole;

    BlackholeCollector(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void collect(T record) {
        blackhole.consume(record);
    }

    @Override
    public void close() {}
}
