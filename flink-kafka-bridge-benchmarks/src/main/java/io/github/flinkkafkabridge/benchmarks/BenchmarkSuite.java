package io.github.flinkkafkabridge.benchmarks;

import io.github.flinkkafkabridge.testkit.EmbeddedKafkaCluster;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * Runs the sections of a benchmark run on one in-process broker and one in-process Flink cluster,
 * and writes the report. The order is source, metrics, sink, latency: the latency rates are taken
 * from the sink section's raw producer rate.
 */
public final class BenchmarkSuite {

    /** The official connector version the harness compares against. */
    static final String OFFICIAL_VERSION = "5.0.0-2.2";

    private final BenchOptions options;
    private final Results results = new Results();

    public BenchmarkSuite(BenchOptions options) {
        this.options = options;
    }

    /** Runs every selected section and writes the report; returns the results directory. */
    public Path run() throws Exception {
        List<String> environment = new ArrayList<>();
        environment.add("Started " + Instant.now() + ", load average " + loadAverage());
        environment.add(jvmLine());
        environment.add(
                "Flink "
                        + EnvironmentInformation.getVersion()
                        + " (in-process MiniCluster), kafka-clients "
                        + KafkaClientsVersion.get()
                        + ", official connector flink-connector-kafka "
                        + OFFICIAL_VERSION
                        + ", broker: one in-process KRaft node (same JVM)");
        environment.add("Options: " + options);
        for (String line : environment) {
            log(line);
        }
        long started = System.nanoTime();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start();
                LocalFlink flink = LocalFlink.start()) {
            if (options.runs("source") || options.runs("metrics")) {
                runSource(kafka, flink);
            }
            if (options.runs("sink")) {
                runSink(kafka, flink);
            }
            if (options.runs("latency")) {
                runLatency(kafka, flink);
            }
        }
        environment.add(
                String.format(
                        Locale.ROOT,
                        "Finished after %.0f s, load average %s",
                        (System.nanoTime() - started) / 1e9,
                        loadAverage()));
        Report report = new Report(results, environment);
        report.write(options.out);
        log("Results in " + options.out.toAbsolutePath());
        System.out.println(report.summary());
        return options.out;
    }

    Results results() {
        return results;
    }

    private void runSource(EmbeddedKafkaCluster kafka, LocalFlink flink) throws Exception {
        String topic = "bench-source";
        kafka.createTopic(topic, SourceBench.PARTITIONS);
        long t0 = System.nanoTime();
        KafkaData.writeJsonRecords(
                kafka.bootstrapServers(), topic, SourceBench.PARTITIONS, options.sourceRecords);
        log(
                String.format(
                        Locale.ROOT,
                        "Wrote %d source records in %.1f s",
                        options.sourceRecords,
                        (System.nanoTime() - t0) / 1e9));
        SourceBench bench =
                new SourceBench(
                        flink,
                        kafka.bootstrapServers(),
                        topic,
                        options.sourceRecords,
                        options.parallelism,
                        options.bridgeSourceProperties);
        if (options.runs("source")) {
            for (int i = 0; i < options.warmup; i++) {
                for (Format format : formats()) {
                    for (Contender c : contenders()) {
                        bench.run(c, format, true);
                    }
                }
            }
            for (int rep = 0; rep < options.reps; rep++) {
                for (Format format : formats()) {
                    for (Contender c : contenders()) {
                        SourceBench.Sample s = bench.run(c, format, true);
                        addSourceSample("source", format.label, c.label(), s);
                        results.add("source", format.label, c, "peak-heap", "MiB", s.peakHeapMib());
                        log(
                                String.format(
                                        Locale.ROOT,
                                        "source %-11s %-11s rep %d: %s, heap %.0f MiB",
                                        format.label,
                                        c.label(),
                                        rep,
                                        describe(s),
                                        s.peakHeapMib()));
                    }
                }
            }
        }
        if (options.runs("metrics")) {
            // Small differences need more repetitions; on and off alternate so drift hits both.
            int reps = options.reps == 1 ? 1 : options.reps * 2;
            // The first runs still get faster as the JIT settles (the broker's and Flink's code is
            // still being compiled minutes into a run); a difference of a few percent needs a warm
            // JVM, so the warm-up here is longer than the other sections' and runs both variants.
            for (int i = 0; i < options.warmup * 4; i++) {
                bench.run(Contender.BRIDGE, Format.BYTES, i % 2 == 0);
            }
            for (int rep = 0; rep < reps; rep++) {
                for (boolean on :
                        rep % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    SourceBench.Sample s = bench.run(Contender.BRIDGE, Format.BYTES, on);
                    String who = on ? "bridge-metrics-on" : "bridge-metrics-off";
                    addSourceSample("metrics", Format.BYTES.label, who, s);
                    log(
                            String.format(
                                    Locale.ROOT,
                                    "metrics %-18s rep %d: %s",
                                    who,
                                    rep,
                                    describe(s)));
                }
            }
        }
        kafka.deleteTopic(topic);
    }

    /** Records the rates, CPU and allocation per record of one source read. */
    private void addSourceSample(
            String section, String scenario, String who, SourceBench.Sample s) {
        results.add(section, scenario, who, "whole-job-rate", "records/s", s.wholeRate());
        results.add(section, scenario, who, "steady-rate", "records/s", s.steadyRate());
        results.add(section, scenario, who, "source-cpu-per-record", "ns", s.cpuNanosPerRecord());
        results.add(
                section,
                scenario,
                who,
                "source-alloc-per-record",
                "bytes",
                s.allocatedBytesPerRecord());
        results.add(
                section,
                scenario,
                who,
                "process-cpu-per-record",
                "ns",
                s.processCpuNanosPerRecord());
    }

    /** One source read's figures for the log. */
    private static String describe(SourceBench.Sample s) {
        return String.format(
                Locale.ROOT,
                "whole %s/s, steady %s/s, source CPU %.1f ns/record, JVM CPU %.1f ns/record,"
                        + " %.0f bytes/record",
                Report.human(s.wholeRate()),
                Report.human(s.steadyRate()),
                s.cpuNanosPerRecord(),
                s.processCpuNanosPerRecord(),
                s.allocatedBytesPerRecord());
    }

    private void runSink(EmbeddedKafkaCluster kafka, LocalFlink flink) throws Exception {
        SinkBench bench =
                new SinkBench(
                        flink,
                        kafka,
                        options.sinkRecords,
                        options.parallelism,
                        options.bridgeSinkProperties);
        DeliveryGuarantee[] guarantees = {
            DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.EXACTLY_ONCE
        };
        for (int i = 0; i < options.warmup; i++) {
            for (DeliveryGuarantee g : guarantees) {
                for (Contender c : contenders()) {
                    if (!(c == Contender.OFFICIAL && g == DeliveryGuarantee.EXACTLY_ONCE)) {
                        bench.run(c, g);
                    }
                }
            }
        }
        for (int rep = 0; rep < options.reps; rep++) {
            for (DeliveryGuarantee g : guarantees) {
                String scenario =
                        g == DeliveryGuarantee.AT_LEAST_ONCE ? "at-least-once" : "exactly-once";
                for (Contender c : contenders()) {
                    if (c == Contender.OFFICIAL && g == DeliveryGuarantee.EXACTLY_ONCE) {
                        continue; // measured in its own JVM below
                    }
                    SinkBench.Sample s = bench.run(c, g);
                    results.add("sink", scenario, c, "rate", "records/s", s.rate());
                    if (!Double.isNaN(s.steadyRate())) {
                        results.add(
                                "sink", scenario, c, "steady-rate", "records/s", s.steadyRate());
                    }
                    if (!Double.isNaN(s.cpuNanosPerRecord())) {
                        results.add(
                                "sink",
                                scenario,
                                c,
                                "writer-cpu-per-record",
                                "ns",
                                s.cpuNanosPerRecord());
                        results.add(
                                "sink",
                                scenario,
                                c,
                                "writer-alloc-per-record",
                                "bytes",
                                s.allocatedBytesPerRecord());
                        results.add(
                                "sink",
                                scenario,
                                c,
                                "process-cpu-per-record",
                                "ns",
                                s.processCpuNanosPerRecord());
                    }
                    results.add("sink", scenario, c, "peak-heap", "MiB", s.peakHeapMib());
                    log(
                            String.format(
                                    Locale.ROOT,
                                    "sink %-13s %-11s rep %d: %s/s whole job, %s/s steady,"
                                            + " heap %.0f MiB",
                                    scenario,
                                    c.label(),
                                    rep,
                                    Report.human(s.rate()),
                                    Report.human(s.steadyRate()),
                                    s.peakHeapMib()));
                }
            }
        }
        if (options.officialExactlyOnce && options.runs(Contender.OFFICIAL)) {
            officialExactlyOnce(kafka, bench);
        } else {
            results.note("The official exactly-once sink was not measured (--official-eos off).");
        }
        bench.deleteTopics();
    }

    /** Runs the official exactly-once sink in a JVM whose classpath has kafka-clients 4.2.x. */
    private void officialExactlyOnce(EmbeddedKafkaCluster kafka, SinkBench bench) throws Exception {
        Path clients = officialClientsJar();
        if (clients == null) {
            results.note(
                    "The official exactly-once sink was not measured: no kafka-clients 4.2.x jar in"
                            + " target/official-eos-clients (run the build's generate-resources"
                            + " phase).");
            return;
        }
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < options.warmup + options.reps; i++) {
            topics.add(bench.newTopic("official-exactly_once-jvm2"));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xm") || arg.startsWith("-XX:+Use")) {
                command.add(arg);
            }
        }
        command.add("-Dlog4j2.configurationFile=log4j2.properties");
        command.add("-cp");
        command.add(classpathWith(clients));
        command.add(OfficialExactlyOnceMain.class.getName());
        command.add(kafka.bootstrapServers());
        command.add(Long.toString(options.sinkRecords));
        command.add(Integer.toString(options.parallelism));
        command.addAll(topics);
        Files.createDirectories(options.out);
        Path log = options.out.resolve("official-exactly-once-jvm.log");
        log(
                "Official exactly-once sink in a second JVM with "
                        + clients.getFileName()
                        + " (log: "
                        + log
                        + ")");
        Path stdout = options.out.resolve("official-exactly-once-jvm.out");
        Process process =
                new ProcessBuilder(command)
                        .redirectError(log.toFile())
                        .redirectOutput(stdout.toFile())
                        .start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        List<String[]> lines = new ArrayList<>();
        String clientsVersion = "?";
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (line.startsWith("RESULT ")) {
                lines.add(line.split(" "));
            } else if (line.startsWith("CLIENTS ")) {
                clientsVersion = line.substring(8);
            }
        }
        if (!done || process.exitValue() != 0 || lines.size() != topics.size()) {
            results.note(
                    "The official exactly-once sink failed in its kafka-clients 4.2.x JVM: see "
                            + log);
            log("Official exactly-once JVM failed, see " + log);
            return;
        }
        String who = Contender.OFFICIAL.label() + Report.OFFICIAL_EOS_SUFFIX;
        for (int i = options.warmup; i < lines.size(); i++) {
            String[] r = lines.get(i);
            SinkBench.checkWritten(kafka.bootstrapServers(), r[1], options.sinkRecords);
            double rate = options.sinkRecords / (Long.parseLong(r[2]) / 1e9);
            results.add("sink", "exactly-once", who, "rate", "records/s", rate);
            results.add("sink", "exactly-once", who, "peak-heap", "MiB", Double.parseDouble(r[3]));
            log(
                    String.format(
                            Locale.ROOT,
                            "sink exactly-once  %s rep %d: %s/s",
                            who,
                            i - options.warmup,
                            Report.human(rate)));
        }
        results.note(
                "The official connector's exactly-once sink fails with kafka-clients 4.3+"
                    + " (NoSuchMethodError at the first checkpoint); it was measured in a second"
                    + " JVM with kafka-clients "
                        + clientsVersion
                        + " against the same broker, whose peak heap has no broker in it.");
    }

    private static Path officialClientsJar() throws IOException {
        Path dir =
                Path.of(
                        System.getProperty(
                                "bench.officialEosClients", "target/official-eos-clients"));
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("kafka-clients-"))
                    .findFirst()
                    .map(Path::toAbsolutePath)
                    .orElse(null);
        }
    }

    /** This JVM's classpath with its kafka-clients jar swapped for {@code clients}. */
    private static String classpathWith(Path clients) {
        List<String> entries = new ArrayList<>();
        entries.add(clients.toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!(name.startsWith("kafka-clients-") && name.endsWith(".jar"))) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private void runLatency(EmbeddedKafkaCluster kafka, LocalFlink flink) throws Exception {
        List<Long> rates = new ArrayList<>(options.latencyRates);
        List<String> scenarios = new ArrayList<>();
        if (rates.isEmpty()) {
            double max = passThroughCapacity();
            rates.add(Math.round(max * 0.25));
            rates.add(Math.round(max * 0.50));
            scenarios.add("at-25pct");
            scenarios.add("at-50pct");
            results.note(
                    String.format(
                            Locale.ROOT,
                            "Latency input rates: 25%% and 50%% of the measured maximum of a"
                                    + " Kafka -> Flink -> Kafka pass-through, %s records/s (the"
                                    + " slower connector's whole-job raw-bytes source rate and"
                                    + " at-least-once sink rate combined as 1 / (1/source +"
                                    + " 1/sink), since on 2 shared cores the per-record costs add"
                                    + " up): %d and %d records/s.",
                            Report.human(max),
                            rates.get(0),
                            rates.get(1)));
        } else {
            for (long rate : rates) {
                scenarios.add("at-" + rate);
            }
        }
        double warmupSeconds = options.preset.equals("smoke") ? 1 : 2;
        LatencyBench bench =
                new LatencyBench(
                        flink,
                        kafka,
                        options.parallelism,
                        warmupSeconds,
                        options.latencySeconds,
                        options);
        // Untimed runs first, so that no contender meets a cold JVM; each run also has its own
        // warm-up. Repetitions cycle through rates and contenders.
        for (int i = 0; i < options.warmup; i++) {
            for (Contender c : contenders()) {
                bench.run(c, rates.get(0));
            }
        }
        for (int rep = 0; rep < options.reps; rep++) {
            for (int i = 0; i < rates.size(); i++) {
                for (Contender c : contenders()) {
                    LatencyBench.Sample s = bench.run(c, rates.get(i));
                    String scenario = scenarios.get(i);
                    results.add("latency", scenario, c, "mean", "ms", s.mean());
                    results.add("latency", scenario, c, "p50", "ms", s.p50());
                    results.add("latency", scenario, c, "p99", "ms", s.p99());
                    results.add("latency", scenario, c, "p99.9", "ms", s.p999());
                    results.add("latency", scenario, c, "max", "ms", s.max());
                    results.add(
                            "latency", scenario, c, "input-rate", "records/s", s.achievedRate());
                    results.add("latency", scenario, c, "delivered", "fraction", s.delivered());
                    log(
                            String.format(
                                    Locale.ROOT,
                                    "latency %s %-11s rep %d: mean %.2f ms, p50 %.0f ms, p99 %.0f"
                                            + " ms, p99.9 %.0f ms, max %.0f ms, input %s/s, %d"
                                            + " measured, %.3f delivered",
                                    scenario,
                                    c.label(),
                                    rep,
                                    s.mean(),
                                    s.p50(),
                                    s.p99(),
                                    s.p999(),
                                    s.max(),
                                    Report.human(s.achievedRate()),
                                    s.measured(),
                                    s.delivered()));
                }
            }
        }
    }

    /**
     * The pass-through capacity of the slower Flink connector: its source and sink rates combined
     * as per-record costs that add up on shared cores; 400k records/s when not measured.
     */
    private double passThroughCapacity() {
        double capacity = Double.MAX_VALUE;
        for (Contender c : List.of(Contender.BRIDGE, Contender.OFFICIAL)) {
            var source = results.median("source", Format.BYTES.label, c.label(), "whole-job-rate");
            var sink = results.median("sink", "at-least-once", c.label(), "rate");
            if (source.isPresent() && sink.isPresent()) {
                capacity = Math.min(capacity, 1 / (1 / source.get() + 1 / sink.get()));
            }
        }
        return capacity == Double.MAX_VALUE ? 400_000 : capacity;
    }

    private List<Contender> contenders() {
        List<Contender> list = new ArrayList<>();
        for (Contender c : Contender.values()) {
            if (options.runs(c)) {
                list.add(c);
            }
        }
        return list;
    }

    private List<Format> formats() {
        List<Format> list = new ArrayList<>();
        for (Format f : Format.values()) {
            if (options.formats.contains(f.label)) {
                list.add(f);
            }
        }
        return list;
    }

    private static String jvmLine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(
                Locale.ROOT,
                "JVM %s %s, %d cores, max heap %d MiB, args %s; OS %s %s",
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
