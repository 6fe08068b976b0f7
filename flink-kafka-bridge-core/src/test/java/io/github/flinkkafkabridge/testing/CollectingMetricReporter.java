package io.github.flinkkafkabridge.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps every metric registered on the MiniCluster by its full
 * identifier (e.g. {@code 127.0.0.1.taskmanager.<id>.<job>.<operator>.0.KafkaBridgeSource.
 * recordsRead}), so integration tests find metrics by name the way any reporter exports them.
 * Metrics stay after their job ends, so a finished job can still be checked.
 */
public final class CollectingMetricReporter implements MetricReporter {

    private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    /** Adds this reporter to a MiniCluster configuration. */
    public static Configuration configure(Configuration conf) {
        conf.set(
                ConfigOptions.key("metrics.reporter.collect.factory.class")
                        .stringType()
                        .noDefaultValue(),
                Factory.class.getName());
        return conf;
    }

    /** Identifiers of every metric containing {@code scopePart} and ending with {@code .name}. */
    public static List<String> identifiers(String scopePart, String name) {
        return METRICS.keySet().stream()
                .filter(id -> id.contains(scopePart) && id.endsWith("." + name))
                .sorted()
                .collect(Collectors.toList());
    }

    /** The one metric whose identifier contains {@code scopePart} and ends with {@code .name}. */
    public static Optional<Metric> find(String scopePart, String name) {
        List<String> ids = identifiers(scopePart, name);
        if (ids.size() > 1) {
            throw new IllegalStateException("Several metrics match " + name + ": " + ids);
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(METRICS.get(ids.get(0)));
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        METRICS.put(group.getMetricIdentifier(metricName), metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}

    /** Creates the reporter; named in the configuration by {@link #configure}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingMetricReporter();
        }
    }
}
