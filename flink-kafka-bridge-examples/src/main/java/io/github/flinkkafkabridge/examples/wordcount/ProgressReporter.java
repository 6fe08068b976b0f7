package io.github.flinkkafkabridge.examples.wordcount;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps the library's metrics of a local job in memory, so the
 * quickstart can print them while the job runs. Only meaningful in one JVM (local execution); on a
 * cluster, use a real reporter such as Prometheus.
 */
public final class ProgressReporter implements MetricReporter {

    private static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String id = group.getMetricIdentifier(name);
        if (id.contains("KafkaBridgeSource") || id.contains("KafkaBridgeSink")) {
            METRICS.put(id, metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        METRICS.remove(group.getMetricIdentifier(name));
    }

    /**
     * The sum over all subtasks of the counters or numeric gauges whose id ends with {@code
     * suffix}.
     */
    static double sum(String suffix) {
        double sum = 0;
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                sum += value(e.getValue());
            }
        }
        return sum;
    }

    /**
     * The largest value over all subtasks of the numeric gauges whose id ends with {@code suffix}.
     */
    static double max(String suffix) {
        double max = Double.NaN;
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                double v = value(e.getValue());
                if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
                    max = v;
                }
            }
        }
        return max;
    }

    /**
     * The largest {@code quantile} over all subtasks of the histograms whose id ends with {@code
     * suffix}.
     */
    static double maxQuantile(String suffix, double quantile) {
        double max = Double.NaN;
        for (Map.Entry<String, Metric> e : METRICS.entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Histogram) {
                Histogram h = (Histogram) e.getValue();
                if (h.getCount() > 0) {
                    double v = h.getStatistics().getQuantile(quantile);
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                }
            }
        }
        return max;
    }

    private static double value(Metric metric) {
        if (metric instanceof Counter) {
            return ((Counter) metric).getCount();
        }
        if (metric instanceof Gauge) {
            Object v = ((Gauge<?>) metric).getValue();
            return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
        }
        return Double.NaN;
    }

    /** Creates the reporter; named in the job configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new ProgressReporter();
        }
    }
}
