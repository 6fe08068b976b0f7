package io.github.flinkkafkabridge.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness settings: a preset ({@code smoke} or {@code full}) followed by {@code --name value}
 * overrides. Immutable.
 */
public final class BenchOptions {

    private static final List<String> SECTIONS = List.of("source", "metrics", "sink", "latency");
    private static final List<String> FORMATS =
            Arrays.stream(Format.values()).map(f -> f.label).toList();
    private static final List<String> CONTENDERS =
            Arrays.stream(Contender.values()).map(Contender::label).toList();

    static final String USAGE =
            "Usage: BenchmarkMain [smoke|full] [--option value ...]\n"
                + "  --source-records n    records read by each source run (full 5000000, smoke"
                + " 60000)\n"
                + "  --sink-records n      records written by each sink run (full 2000000, smoke"
                + " 30000)\n"
                + "  --reps n              measured repetitions (full 3, smoke 1)\n"
                + "  --warmup n            untimed warm-up runs per case (full 1, smoke 0)\n"
                + "  --parallelism n       Flink parallelism and raw client threads (2)\n"
                + "  --latency-seconds s   measured seconds per latency run (full 6, smoke 1.5)\n"
                + "  --latency-rates a,b   fixed input rates in records/s (default: 25% and 50% of"
                + " the measured maximum)\n"
                + "  --sections list       any of source,metrics,sink,latency (default: all)\n"
                + "  --contenders list     any of bridge,official,raw-clients (default: all)\n"
                + "  --formats list        source formats, any of raw-bytes,utf8-string,json-pojo"
                + " (default: all)\n"
                + "  --bridge-source-properties k=v,...  consumer properties for the bridge's"
                + " sources\n"
                + "  --bridge-sink-properties k=v,...    producer properties for the bridge's"
                + " sinks\n"
                + "  --official-eos on|off compare the official exactly-once sink in a JVM with"
                + " kafka-clients 4.2.x (on)\n"
                + "  --out dir             results directory (target/bench-results)";

    final String preset;
    final long sourceRecords;
    final long sinkRecords;
    final int reps;
    final int warmup;
    final int parallelism;
    final double latencySeconds;
    final List<Long> latencyRates;
    final Set<String> sections;
    final Set<String> contenders;
    final Set<String> formats;
    final boolean officialExactlyOnce;
    final Path out;

    /** Extra client properties of the bridge's sources and sinks, to explore its settings. */
    final Properties bridgeSourceProperties;

    final Properties bridgeSinkProperties;

    private BenchOptions(Builder b) {
        this.preset = b.preset;
        this.sourceRecords = b.sourceRecords;
        this.sinkRecords = b.sinkRecords;
        this.reps = b.reps;
        this.warmup = b.warmup;
        this.parallelism = b.parallelism;
        this.latencySeconds = b.latencySeconds;
        this.latencyRates = List.copyOf(b.latencyRates);
        this.sections = Set.copyOf(b.sections);
        this.contenders = Set.copyOf(b.contenders);
        this.formats = Set.copyOf(b.formats);
        this.officialExactlyOnce = b.officialExactlyOnce;
        this.out = b.out;
        this.bridgeSourceProperties = copy(b.bridgeSourceProperties);
        this.bridgeSinkProperties = copy(b.bridgeSinkProperties);
    }

    /** Whether a section ({@code source}, {@code metrics}, {@code sink}, {@code latency}) runs. */
    boolean runs(String section) {
        return sections.contains(section);
    }

    /** Whether a contender runs (the metrics section always runs the bridge). */
    boolean runs(Contender contender) {
        return contenders.contains(contender.label());
    }

    /**
     * Parses the command line; throws {@link IllegalArgumentException} with the usage on errors.
     */
    public static BenchOptions parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        rest.removeIf(String::isBlank);
        String preset = "full";
        if (!rest.isEmpty() && !rest.get(0).startsWith("--")) {
            preset = rest.remove(0).toLowerCase(Locale.ROOT);
        }
        Builder b = new Builder(preset);
        for (int i = 0; i < rest.size(); i += 2) {
            String key = rest.get(i);
            if (!key.startsWith("--") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException(
                        "Expected --option value at '" + key + "'\n" + USAGE);
            }
            String value = rest.get(i + 1);
            switch (key) {
                case "--source-records" -> b.sourceRecords = Long.parseLong(value);
                case "--sink-records" -> b.sinkRecords = Long.parseLong(value);
                case "--reps" -> b.reps = Integer.parseInt(value);
                case "--warmup" -> b.warmup = Integer.parseInt(value);
                case "--parallelism" -> b.parallelism = Integer.parseInt(value);
                case "--latency-seconds" -> b.latencySeconds = Double.parseDouble(value);
                case "--latency-rates" -> {
                    b.latencyRates.clear();
                    for (String rate : value.split(",")) {
                        b.latencyRates.add(Long.parseLong(rate.trim()));
                    }
                }
                case "--sections" -> replaceAll(b.sections, key, value, SECTIONS);
                case "--contenders" -> replaceAll(b.contenders, key, value, CONTENDERS);
                case "--formats" -> replaceAll(b.formats, key, value, FORMATS);
                case "--official-eos" -> b.officialExactlyOnce = !"off".equalsIgnoreCase(value);
                case "--out" -> b.out = Path.of(value);
                case "--bridge-source-properties" -> putAll(b.bridgeSourceProperties, key, value);
                case "--bridge-sink-properties" -> putAll(b.bridgeSinkProperties, key, value);
                default ->
                        throw new IllegalArgumentException("Unknown option " + key + "\n" + USAGE);
            }
        }
        if (b.reps < 1 || b.parallelism < 1 || b.sourceRecords < 1 || b.sinkRecords < 1) {
            throw new IllegalArgumentException("reps, parallelism and record counts must be >= 1");
        }
        return new BenchOptions(b);
    }

    /** Adds the comma-separated {@code key=value} pairs of {@code value} to {@code target}. */
    private static void putAll(Properties target, String option, String value) {
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Expected key=value pairs in " + option + ", got '" + pair + "'");
            }
            target.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    /** A copy, so that the options stay unchanged. */
    static Properties copy(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }

    /**
     * Replaces {@code target} with the comma-separated {@code value}, each one of {@code known}.
     */
    private static void replaceAll(
            Set<String> target, String option, String value, List<String> known) {
        List<String> given = Arrays.asList(value.split(","));
        for (String name : given) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "Unknown value '" + name + "' of " + option + ": use any of " + known);
            }
        }
        target.clear();
        target.addAll(given);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "preset=%s sourceRecords=%d sinkRecords=%d reps=%d warmup=%d parallelism=%d"
                        + " latencySeconds=%.1f latencyRates=%s sections=%s contenders=%s"
                        + " formats=%s officialEos=%s bridgeSourceProperties=%s"
                        + " bridgeSinkProperties=%s out=%s",
                preset,
                sourceRecords,
                sinkRecords,
                reps,
                warmup,
                parallelism,
                latencySeconds,
                latencyRates.isEmpty() ? "25%,50% of max" : latencyRates,
                new TreeSet<>(sections),
                new TreeSet<>(contenders),
                new TreeSet<>(formats),
                officialExactlyOnce,
                new java.util.TreeMap<>(bridgeSourceProperties),
                new java.util.TreeMap<>(bridgeSinkProperties),
                out);
    }

    private static final class Builder {
        final String preset;
        long sourceRecords;
        long sinkRecords;
        int reps;
        int warmup;
        int parallelism = 2;
        double latencySeconds;
        final List<Long> latencyRates = new ArrayList<>();
        final Set<String> sections = new TreeSet<>(SECTIONS);
        final Set<String> contenders = new TreeSet<>(CONTENDERS);
        final Set<String> formats = new TreeSet<>(FORMATS);
        boolean officialExactlyOnce = true;
        Path out = Path.of("target", "bench-results");
        final Properties bridgeSourceProperties = new Properties();
        final Properties bridgeSinkProperties = new Properties();

        Builder(String preset) {
            this.preset = preset;
            switch (preset) {
                case "smoke" -> {
                    sourceRecords = 60_000;
                    sinkRecords = 30_000;
                    reps = 1;
                    warmup = 0;
                    latencySeconds = 1.5;
                }
                case "full" -> {
                    sourceRecords = 5_000_000;
                    sinkRecords = 2_000_000;
                    reps = 3;
                    warmup = 1;
                    latencySeconds = 6;
                }
                default ->
                        throw new IllegalArgumentException(
                                "Unknown preset " + preset + "\n" + USAGE);
            }
        }
    }
}
