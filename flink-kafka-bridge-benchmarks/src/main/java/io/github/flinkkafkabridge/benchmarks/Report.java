package io.github.flinkkafkabridge.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a run's results as {@code results.csv}, {@code throughput.svg}, {@code latency.svg} and
 * {@code summary.md}.
 */
final class Report {

    static final String CSV = "results.csv";
    static final String SUMMARY = "summary.md";
    static final String THROUGHPUT_SVG = "throughput.svg";
    static final String LATENCY_SVG = "latency.svg";

    private static final Map<String, String> COLORS =
            Map.of(
                    Contender.BRIDGE.label(),
                    "#2b7bba",
                    Contender.OFFICIAL.label(),
                    "#e6842a",
                    Contender.RAW.label(),
                    "#7f7f7f",
                    "bridge-metrics-on",
                    "#2b7bba",
                    "bridge-metrics-off",
                    "#8fbce6");

    /** One target of issue 7 and how this run did against it. */
    record Target(String what, String ratioOf, double ratio, String goal, boolean met) {}

    private final Results results;
    private final List<String> environment;

    Report(Results results, List<String> environment) {
        this.results = results;
        this.environment = environment;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(THROUGHPUT_SVG), throughputSvg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(LATENCY_SVG), latencySvg(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(SUMMARY), summary(), StandardCharsets.UTF_8);
    }

    String csv() {
        StringBuilder out =
                new StringBuilder(
                        "section,scenario,contender,metric,unit,median,min,max,spread_pct,reps,values\n");
        for (Results.Series s : results.all()) {
            out.append(
                    String.join(
                            ",",
                            s.key.section(),
                            s.key.scenario(),
                            s.key.contender(),
                            s.key.metric(),
                            s.key.unit(),
                            num(s.median()),
                            num(s.min()),
                            num(s.max()),
                            String.format(Locale.ROOT, "%.1f", s.spreadPercent()),
                            Integer.toString(s.values.size()),
                            s.values.stream().map(Report::num).collect(Collectors.joining(" "))));
            out.append('\n');
        }
        return out.toString();
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        String b = Contender.BRIDGE.label();
        String o = Contender.OFFICIAL.label();
        String r = Contender.RAW.label();
        for (Format f : new Format[] {Format.STRING, Format.JSON}) {
            ratio("source", f.label, b, o, "whole-job-rate")
                    .ifPresent(
                            x ->
                                    targets.add(
                                            new Target(
                                                    "Source " + f.label + ", whole job",
                                                    "bridge / official",
                                                    x,
                                                    ">= 1.3",
                                                    x >= 1.3)));
            ratio("source", f.label, b, o, "steady-rate")
                    .ifPresent(
                            x ->
                                    targets.add(
                                            new Target(
                                                    "Source " + f.label + ", steady state",
                                                    "bridge / official",
                                                    x,
                                                    ">= 1.3",
                                                    x >= 1.3)));
        }
        ratio("source", Format.BYTES.label, b, r, "steady-rate")
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Source raw-bytes, steady state",
                                                "bridge / raw consumer",
                                                x,
                                                ">= 0.9",
                                                x >= 0.9)));
        ratio("source", Format.BYTES.label, b, o, "whole-job-rate")
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Source raw-bytes, whole job (no target)",
                                                "bridge / official",
                                                x,
                                                "-",
                                                true)));
        for (String metric : new String[] {"rate", "steady-rate"}) {
            String what = metric.equals("rate") ? ", whole job" : ", steady state (acknowledged)";
            ratio("sink", "at-least-once", b, o, metric)
                    .ifPresent(
                            x ->
                                    targets.add(
                                            new Target(
                                                    "Sink at-least-once" + what,
                                                    "bridge / official",
                                                    x,
                                                    ">= 1.0",
                                                    x >= 1.0)));
            ratio("sink", "at-least-once", b, r, metric)
                    .ifPresent(
                            x ->
                                    targets.add(
                                            new Target(
                                                    "Sink at-least-once" + what,
                                                    "bridge / raw producer",
                                                    x,
                                                    ">= 0.9",
                                                    x >= 0.9)));
        }
        Optional<Double> eos = results.median("sink", "exactly-once", b, "rate");
        Optional<Double> alo = results.median("sink", "at-least-once", b, "rate");
        if (eos.isPresent() && alo.isPresent()) {
            double x = eos.get() / alo.get();
            targets.add(
                    new Target(
                            "Sink exactly-once", "bridge EO / bridge ALO", x, ">= 0.8", x >= 0.8));
        }
        ratio("sink", "exactly-once", b, o + OFFICIAL_EOS_SUFFIX, "rate")
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Sink exactly-once",
                                                "bridge / official (kafka-clients 4.2.x JVM)",
                                                x,
                                                ">= 1.0",
                                                x >= 1.0)));
        ratio("latency", "at-50pct", b, o, "p99")
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Latency p99 at 50% of max",
                                                "bridge / official", x, "<= 1.0", x <= 1.0)));
        ratio("latency", "at-25pct", b, o, "p99")
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Latency p99 at 25% of max (no target)",
                                                "bridge / official", x, "-", true)));
        metricsOverhead("steady-rate", false)
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Metrics overhead, steady-state rate (%)",
                                                "1 - on / off, paired median", x, "<= 2", x <= 2)));
        metricsOverhead("whole-job-rate", false)
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Metrics overhead, whole-job rate (%)",
                                                "1 - on / off, paired median", x, "<= 2", x <= 2)));
        metricsOverhead("source-cpu-per-record", true)
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Metrics overhead, source-thread CPU per record"
                                                        + " (%)",
                                                "on / off - 1, paired median", x, "<= 2", x <= 2)));
        metricsOverhead("process-cpu-per-record", true)
                .ifPresent(
                        x ->
                                targets.add(
                                        new Target(
                                                "Metrics overhead, whole-JVM CPU per record (%)",
                                                "on / off - 1, paired median", x, "<= 2", x <= 2)));
        return targets;
    }

    /**
     * The metrics' overhead in percent from the alternating on/off pairs: for a rate {@code 1 -
     * on/off}, for a cost ({@code costMetric}) {@code on/off - 1}.
     */
    private Optional<Double> metricsOverhead(String metric, boolean costMetric) {
        return results.pairedMedianRatio(
                        "metrics",
                        Format.BYTES.label,
                        "bridge-metrics-on",
                        "bridge-metrics-off",
                        metric)
                .map(r -> (costMetric ? r - 1 : 1 - r) * 100);
    }

    /** Contender label of the official exactly-once sink measured in its own JVM. */
    static final String OFFICIAL_EOS_SUFFIX = " (kafka-clients 4.2.x JVM)";

    private Optional<Double> ratio(
            String section, String scenario, String a, String b, String metric) {
        Optional<Double> x = results.median(section, scenario, a, metric);
        Optional<Double> y = results.median(section, scenario, b, metric);
        if (x.isEmpty() || y.isEmpty() || y.get() == 0) {
            return Optional.empty();
        }
        return Optional.of(x.get() / y.get());
    }

    String summary() {
        StringBuilder md = new StringBuilder("# flink-kafka-bridge benchmark results\n\n");
        md.append("## Environment\n\n");
        for (String line : environment) {
            md.append("- ").append(line).append('\n');
        }
        md.append(
                "\n"
                        + "## Targets (issue 7)\n\n"
                        + "| What | Ratio | Measured | Target | Met |\n"
                        + "|---|---|---:|---|---|\n");
        for (Target t : targets()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %s | %s |%n",
                            t.what(),
                            t.ratioOf(),
                            t.ratio(),
                            t.goal(),
                            t.goal().equals("-") ? "-" : t.met() ? "yes" : "**no**"));
        }
        String section = null;
        for (Results.Series s : results.all()) {
            if (!s.key.section().equals(section)) {
                section = s.key.section();
                md.append("\n## ")
                        .append(section)
                        .append("\n\n")
                        .append(
                                "| Scenario | Contender | Metric | Median | Min | Max | Spread |"
                                        + " Reps |\n")
                        .append("|---|---|---|---:|---:|---:|---:|---:|\n");
            }
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s %s | %s | %s | %.1f%% | %d |%n",
                            s.key.scenario(),
                            s.key.contender(),
                            s.key.metric(),
                            human(s.median()),
                            s.key.unit(),
                            human(s.min()),
                            human(s.max()),
                            s.spreadPercent(),
                            s.values.size()));
        }
        List<String> notes = results.notes();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            for (String note : notes) {
                md.append("- ").append(note).append('\n');
            }
        }
        md.append("\nPlots: [throughput](")
                .append(THROUGHPUT_SVG)
                .append("), [latency](")
                .append(LATENCY_SVG)
                .append("). Raw values: [CSV](")
                .append(CSV)
                .append(").\n");
        return md.toString();
    }

    /** Horizontal bars: one group per measured rate, one bar per contender. */
    String throughputSvg() {
        Map<String, List<Results.Series>> groups = new LinkedHashMap<>();
        for (Results.Series s : results.all()) {
            if (s.key.unit().equals("records/s") && !s.key.section().equals("latency")) {
                String group = s.key.section() + " " + s.key.scenario() + " " + s.key.metric();
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
            }
        }
        double max =
                groups.values().stream()
                        .flatMap(List::stream)
                        .mapToDouble(Results.Series::median)
                        .max()
                        .orElse(1);
        return bars(
                "Throughput (records/s, median; whisker = min..max)",
                groups,
                max,
                false,
                "records/s");
    }

    /** Bars per rate and percentile, one per contender, on a log scale of milliseconds. */
    String latencySvg() {
        Map<String, List<Results.Series>> groups = new LinkedHashMap<>();
        for (Results.Series s : results.all()) {
            if (s.key.section().equals("latency")
                    && s.key.unit().equals("ms")
                    && !s.key.metric().equals("mean")) {
                groups.computeIfAbsent(
                                s.key.scenario() + " " + s.key.metric(), g -> new ArrayList<>())
                        .add(s);
            }
        }
        double max =
                groups.values().stream()
                        .flatMap(List::stream)
                        .mapToDouble(Results.Series::max)
                        .max()
                        .orElse(1);
        return bars(
                "End-to-end latency (ms, log scale, median; whisker = min..max)",
                groups,
                Math.max(max, 10),
                true,
                "ms");
    }

    private static String bars(
            String title,
            Map<String, List<Results.Series>> groups,
            double max,
            boolean log,
            String unit) {
        int labelWidth = 300;
        int plotWidth = 560;
        int barHeight = 14;
        int y = 50;
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<Results.Series>> group : groups.entrySet()) {
            body.append(
                    String.format(
                            Locale.ROOT,
                            "<text x='8' y='%d' font-weight='bold'>%s</text>%n",
                            y + 11,
                            esc(group.getKey())));
            y += 16;
            for (Results.Series s : group.getValue()) {
                double w = scale(s.median(), max, log) * plotWidth;
                double lo = scale(s.min(), max, log) * plotWidth;
                double hi = scale(s.max(), max, log) * plotWidth;
                String color = COLORS.getOrDefault(s.key.contender(), "#b04040");
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<text x='24' y='%d'>%s</text>%n",
                                y + 11,
                                esc(s.key.contender())));
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'/>%n",
                                labelWidth,
                                y,
                                w,
                                barHeight,
                                color));
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='black'/>%n",
                                labelWidth + lo,
                                labelWidth + hi,
                                y + barHeight / 2,
                                y + barHeight / 2));
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<text x='%.1f' y='%d'>%s</text>%n",
                                labelWidth + Math.max(w, hi) + 6,
                                y + 11,
                                esc(human(s.median()) + " " + unit)));
                y += barHeight + 4;
            }
            y += 8;
        }
        int height = y + 20;
        int width = labelWidth + plotWidth + 140;
        return String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'"
                        + " font-family='sans-serif' font-size='11'>%n<rect width='100%%'"
                        + " height='100%%' fill='white'/>%n<text x='8' y='24' font-size='15'"
                        + " font-weight='bold'>%s</text>%n%s</svg>%n",
                width,
                height,
                esc(title),
                body);
    }

    private static double scale(double value, double max, boolean log) {
        if (Double.isNaN(value) || value <= 0) {
            return 0;
        }
        return log ? Math.log10(1 + value) / Math.log10(1 + max) : value / max;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String human(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
