package io.github.flinkkafkabridge.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.CharacterFilter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

/**
 * A metric group that keeps every metric in one registry by its dotted path below the root, e.g.
 * {@code KafkaBridgeSource.topic.orders.partition.3.backlogRecords}, so tests assert by name.
 */
class TestMetricGroup implements MetricGroup {

    final Map<String, Metric> registry;
    private final String[] path;

    TestMetricGroup() {
        this(new TreeMap<>(), new String[0]);
    }

    private TestMetricGroup(Map<String, Metric> registry, String[] path) {
        this.registry = registry;
        this.path = path;
    }

    Metric metric(String name) {
        Metric metric = registry.get(name);
        if (metric == null) {
            throw new AssertionError("No metric " + name + " in " + registry.keySet());
        }
        return metric;
    }

    long count(String name) {
        return ((Counter) metric(name)).getCount();
    }

    Object gauge(String name) {
        return ((Gauge<?>) metric(name)).getValue();
    }

    double doubleGauge(String name) {
        return ((Number) gauge(name)).doubleValue();
    }

    long longGauge(String name) {
        return ((Number) gauge(name)).longValue();
    }

    Histogram histogram(String name) {
        return (Histogram) metric(name);
    }

    /** Calls {@code update()} on every view, as Flink's view updater does every 5 s. */
    void updateViews() {
        registry.values().stream()
                .filter(m -> m instanceof org.apache.flink.metrics.View)
                .forEach(m -> ((org.apache.flink.metrics.View) m).update());
    }

    private <M extends Metric> M register(String name, M metric) {
        String key = getMetricIdentifier(name);
        if (registry.putIfAbsent(key, metric) != null) {
            throw new AssertionError("Metric registered twice: " + key);
        }
        return metric;
    }

    @Override
    public Counter counter(String name) {
        return register(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        return register(name, counter);
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        return register(name, gauge);
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        return register(name, histogram);
    }

    @Override
    public <M extends Meter> M meter(String name, M meter) {
        return register(name, meter);
    }

    @Override
    public MetricGroup addGroup(String name) {
        String[] child = Arrays.copyOf(path, path.length + 1);
        child[path.length] = name;
        return new TestMetricGroup(registry, child);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return addGroup(key).addGroup(value);
    }

    @Override
    public String[] getScopeComponents() {
        return path.clone();
    }

    @Override
    public Map<String, String> getAllVariables() {
        return new HashMap<>();
    }

    @Override
    public String getMetricIdentifier(String metricName) {
        return path.length == 0 ? metricName : String.join(".", path) + "." + metricName;
    }

    @Override
    public String getMetricIdentifier(String metricName, CharacterFilter filter) {
        return getMetricIdentifier(metricName);
    }

    /** A source reader group: the standard metrics land in the same registry. */
    static final class SourceReaderGroup extends TestMetricGroup
            implements SourceReaderMetricGroup {
        private final Counter numRecordsInErrors = counter("numRecordsInErrors");

        @Override
        public Counter getNumRecordsInErrorsCounter() {
            return numRecordsInErrors;
        }

        @Override
        public void setPendingBytesGauge(Gauge<Long> gauge) {
            gauge("pendingBytes", gauge);
        }

        @Override
        public void setPendingRecordsGauge(Gauge<Long> gauge) {
            gauge("pendingRecords", gauge);
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            throw new UnsupportedOperationException();
        }
    }
}
