package io.github.flinkkafkabridge.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every value measured in one run, grouped by what was measured; kept in insertion order. */
final class Results {

    /** What one series of repetitions measured. */
    record Key(String section, String scenario, String contender, String metric, String unit) {}

    /** The repetitions of one key. */
    static final class Series {
        final Key key;
        final List<Double> values = new ArrayList<>();

        Series(Key key) {
            this.key = key;
        }

        double median() {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            if (n == 0) {
                return Double.NaN;
            }
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** (max - min) / median, in percent. */
        double spreadPercent() {
            double median = median();
            return median == 0 ? 0 : (max() - min()) / median * 100;
        }
    }

    private final Map<Key, Series> series = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void add(
            String section,
            String scenario,
            Contender contender,
            String metric,
            String unit,
            double value) {
        add(section, scenario, contender.label(), metric, unit, value);
    }

    synchronized void add(
            String section,
            String scenario,
            String contender,
            String metric,
            String unit,
            double value) {
        Key key = new Key(section, scenario, contender, metric, unit);
        series.computeIfAbsent(key, Series::new).values.add(value);
    }

    synchronized void note(String note) {
        notes.add(note);
    }

    synchronized List<Series> all() {
        return new ArrayList<>(series.values());
    }

    synchronized List<String> notes() {
        return new ArrayList<>(notes);
    }

    /**
     * The median over repetitions of {@code a[i] / b[i]}, for two series measured in alternating
     * pairs: a drift in the machine's speed during the run hits both sides of a pair alike, so the
     * paired ratio is steadier than the ratio of the two medians.
     */
    synchronized Optional<Double> pairedMedianRatio(
            String section, String scenario, String a, String b, String metric) {
        Optional<Series> x = find(section, scenario, a, metric);
        Optional<Series> y = find(section, scenario, b, metric);
        if (x.isEmpty() || y.isEmpty()) {
            return Optional.empty();
        }
        Series ratios = new Series(new Key(section, scenario, a + "/" + b, metric, "ratio"));
        int n = Math.min(x.get().values.size(), y.get().values.size());
        for (int i = 0; i < n; i++) {
            double ratio = x.get().values.get(i) / y.get().values.get(i);
            if (Double.isFinite(ratio)) {
                ratios.values.add(ratio);
            }
        }
        return ratios.values.isEmpty() ? Optional.empty() : Optional.of(ratios.median());
    }

    private Optional<Series> find(
            String section, String scenario, String contender, String metric) {
        for (Series s : series.values()) {
            if (s.key.section().equals(section)
                    && s.key.scenario().equals(scenario)
                    && s.key.contender().equals(contender)
                    && s.key.metric().equals(metric)
                    && !s.values.isEmpty()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The median of a series, if it was measured. */
    synchronized Optional<Double> median(
            String section, String scenario, String contender, String metric) {
        return find(section, scenario, contender, metric).map(Series::median);
    }
}
