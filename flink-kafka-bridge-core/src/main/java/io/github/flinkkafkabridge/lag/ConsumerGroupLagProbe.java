package io.github.flinkkafkabridge.lag;

import io.github.flinkkafkabridge.internal.AuthenticationFailures;
import io.github.flinkkafkabridge.metrics.MetricsClock;
import io.github.flinkkafkabridge.metrics.OffsetTimeline;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * The lag of a consumer group, outside Flink: per partition, the committed offset, the log end, the
 * lag in records and the estimated lag in seconds (how old the record at the committed offset is),
 * printed as a table. Works for any group, e.g. a {@code KafkaBridgeSource} with {@code
 * setGroupId}, which commits on checkpoints.
 *
 * <p>The seconds come from Kafka's offsets-for-times lookups only (no record is read): the probe
 * asks for the first offset at a ladder of times (1 s, 2 s, 4 s, ... back to {@value #LADDER_STEPS}
 * doublings), then bisects the times around each committed offset {@value #BISECTIONS} times and
 * interpolates linearly ({@link OffsetTimeline}). A committed offset older than the ladder is
 * reported as "at least" the ladder's age.
 *
 * <p>From Java:
 * <!-- snippet: consumer-group-lag-probe -->
 *
 * <pre>{@code
 * Properties admin = new Properties();
 * admin.setProperty("bootstrap.servers", bootstrapServers);
 * try (ConsumerGroupLagProbe probe = ConsumerGroupLagProbe.create(admin)) {
 *     return ConsumerGroupLagProbe.table(probe.probe(groupId));
 * }
 * }</pre>
 *
 * <p>From the command line, with {@link #main}: {@code java -cp flink-kafka-bridge-core.jar:...
 * io.github.flinkkafkabridge.lag.ConsumerGroupLagProbe --bootstrap-servers localhost:9092 --group
 * word-count [--property key=value ...]}.
 *
 * <p>Not thread-safe; close it to close its admin client.
 */
public final class ConsumerGroupLagProbe implements AutoCloseable {

    /** Doublings of the time ladder: 1 s back to about 12 days. */
    public static final int LADDER_STEPS = 21;

    /** Bisection rounds around each committed offset. */
    public static final int BISECTIONS = 8;

    /** Bound of each admin request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Names the cluster in messages when the caller's admin client is used. */
    private static final String CALLERS_CLUSTER = "the cluster of the given Admin client";

    private final Admin admin;
    private final String bootstrapServers;
    private final MetricsClock clock;
    private final boolean ownsAdmin;

    /** The lag of one partition. */
    public record PartitionLag(
            TopicPartition partition,
            long committedOffset,
            long logEndOffset,
            long lagRecords,
            double lagSeconds,
            boolean lagSecondsAtLeast) {}

    private ConsumerGroupLagProbe(
            Admin admin, String bootstrapServers, MetricsClock clock, boolean ownsAdmin) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.ownsAdmin = ownsAdmin;
    }

    /**
     * A probe with its own admin client for {@code adminProperties}: {@code bootstrap.servers} and
     * any security settings ({@code security.protocol}, {@code sasl.mechanism}, {@code
     * sasl.jaas.config}, {@code ssl.*}).
     */
    public static ConsumerGroupLagProbe create(Properties adminProperties) {
        return new ConsumerGroupLagProbe(
                Admin.create(adminProperties),
                adminProperties.getProperty(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, CALLERS_CLUSTER),
                MetricsClock.system(),
                true);
    }

    /** A probe on an admin client the caller owns (not closed by {@link #close()}). */
    public static ConsumerGroupLagProbe using(Admin admin) {
        return new ConsumerGroupLagProbe(admin, CALLERS_CLUSTER, MetricsClock.system(), false);
    }

    /**
     * The lag of every partition the group has committed an offset for, by topic and partition.
     *
     * @throws LagProbeException if Kafka does not answer within {@link #REQUEST_TIMEOUT} or
     *     refuses, naming the group and the cluster; when it rejects the credentials, the message
     *     says so and names the security settings to check
     */
    public List<PartitionLag> probe(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                        "list the committed offsets of group '" + groupId + "'");
        Map<TopicPartition, Long> committedOffsets = new HashMap<>();
        committed.forEach(
                (tp, offset) -> {
                    if (offset != null) {
                        committedOffsets.put(tp, offset.offset());
                    }
                });
        if (committedOffsets.isEmpty()) {
            return List.of();
        }
        long now = clock.currentTimeMillis();
        Map<TopicPartition, Long> logEnds =
                offsets(committedOffsets.keySet(), OffsetSpec.latest(), groupId);

        Map<TopicPartition, List<OffsetTimeline.Point>> points = new HashMap<>();
        Map<TopicPartition, Long> lagging = new HashMap<>();
        committedOffsets.forEach(
                (tp, offset) -> {
                    long end = logEnds.getOrDefault(tp, offset);
                    if (offset < end) {
                        lagging.put(tp, offset);
                        points.computeIfAbsent(tp, p -> new ArrayList<>())
                                .add(new OffsetTimeline.Point(now, end));
                    }
                });
        if (!lagging.isEmpty()) {
            for (int step = 0; step < LADDER_STEPS; step++) {
                long time = now - (1000L << step);
                Map<TopicPartition, Long> times = new HashMap<>();
                lagging.keySet().forEach(tp -> times.put(tp, time));
                addPoints(points, times, groupId);
            }
            for (int round = 0; round < BISECTIONS; round++) {
                Map<TopicPartition, Long> times = new HashMap<>();
                lagging.forEach(
                        (tp, offset) -> {
                            long[] bracket = bracket(points.get(tp), offset);
                            if (bracket != null && bracket[1] - bracket[0] > 1) {
                                times.put(tp, bracket[0] + (bracket[1] - bracket[0]) / 2);
                            }
                        });
                if (times.isEmpty()) {
                    break;
                }
                addPoints(points, times, groupId);
            }
        }

        List<PartitionLag> lags = new ArrayList<>();
        committedOffsets.forEach(
                (tp, offset) -> {
                    long end = logEnds.getOrDefault(tp, offset);
                    long lag = Math.max(0, end - offset);
                    if (lag == 0) {
                        lags.add(new PartitionLag(tp, offset, end, 0, 0.0, false));
                    } else {
                        OffsetTimeline.Estimate estimate =
                                OffsetTimeline.of(points.get(tp)).estimate(offset);
                        lags.add(
                                new PartitionLag(
                                        tp,
                                        offset,
                                        end,
                                        lag,
                                        estimate.ageSeconds(now),
                                        estimate.olderThanTimeline()));
                    }
                });
        lags.sort(
                (a, b) ->
                        a.partition().topic().equals(b.partition().topic())
                                ? Integer.compare(
                                        a.partition().partition(), b.partition().partition())
                                : a.partition().topic().compareTo(b.partition().topic()));
        return lags;
    }

    /** The timestamps of the points around {@code offset}: {lower, upper}, or null if none. */
    private static long[] bracket(List<OffsetTimeline.Point> points, long offset) {
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        for (OffsetTimeline.Point point : points) {
            if (point.offset() <= offset) {
                lower = Math.max(lower, point.timestampMillis());
            }
            if (point.offset() > offset) {
                upper = Math.min(upper, point.timestampMillis());
            }
        }
        return lower == Long.MIN_VALUE || upper == Long.MAX_VALUE
                ? null
                : new long[] {lower, upper};
    }

    private void addPoints(
            Map<TopicPartition, List<OffsetTimeline.Point>> points,
            Map<TopicPartition, Long> times,
            String groupId) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        times.forEach((tp, time) -> specs.put(tp, OffsetSpec.forTimestamp(time)));
        Map<TopicPartition, ListOffsetsResultInfo> found =
                get(
                        admin.listOffsets(specs).all(),
                        "look up offsets by time for group '" + groupId + "'");
        found.forEach(
                (tp, info) -> {
                    // -1: every record is older than the time.
                    if (info.offset() >= 0) {
                        points.get(tp).add(new OffsetTimeline.Point(times.get(tp), info.offset()));
                    }
                });
    }

    private Map<TopicPartition, Long> offsets(
            Iterable<TopicPartition> partitions, OffsetSpec spec, String groupId) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> found =
                get(
                        admin.listOffsets(specs).all(),
                        "list the log end offsets for group '" + groupId + "'");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private <V> V get(org.apache.kafka.common.KafkaFuture<V> future, String what) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagProbeException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            AuthenticationException authentication = AuthenticationFailures.find(cause);
            if (authentication != null) {
                throw new LagProbeException(
                        "Could not "
                                + what
                                + ". "
                                + AuthenticationFailures.describe(
                                        authentication,
                                        "the ConsumerGroupLagProbe's admin client",
                                        bootstrapServers,
                                        "the admin properties (--property key=value on the"
                                                + " command line)"),
                        authentication);
            }
            throw new LagProbeException(
                    "Could not " + what + " at " + bootstrapServers + ": " + cause.getMessage(),
                    cause);
        } catch (TimeoutException e) {
            throw new LagProbeException(
                    "Could not "
                            + what
                            + " within "
                            + REQUEST_TIMEOUT
                            + ": is "
                            + bootstrapServers
                            + " reachable, and does security.protocol match its listener?",
                    e);
        }
    }

    /** The lags as a table with a header and a total line. */
    public static String table(List<PartitionLag> lags) {
        StringBuilder out = new StringBuilder();
        String format = "%-40s %9s %15s %15s %12s %14s%n";
        out.append(
                String.format(
                        Locale.ROOT,
                        format,
                        "TOPIC",
                        "PARTITION",
                        "COMMITTED",
                        "LOG-END",
                        "LAG",
                        "LAG-SECONDS"));
        long totalLag = 0;
        double maxSeconds = 0;
        boolean maxAtLeast = false;
        for (PartitionLag lag : lags) {
            totalLag += lag.lagRecords();
            if (lag.lagSeconds() > maxSeconds) {
                maxSeconds = lag.lagSeconds();
                maxAtLeast = lag.lagSecondsAtLeast();
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            format,
                            lag.partition().topic(),
                            lag.partition().partition(),
                            lag.committedOffset(),
                            lag.logEndOffset(),
                            lag.lagRecords(),
                            seconds(lag.lagSeconds(), lag.lagSecondsAtLeast())));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        format,
                        "TOTAL",
                        "",
                        "",
                        "",
                        totalLag,
                        seconds(maxSeconds, maxAtLeast)));
        return out.toString();
    }

    private static String seconds(double seconds, boolean atLeast) {
        return (atLeast ? ">=" : "") + String.format(Locale.ROOT, "%.1f", seconds);
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Prints the lag table of a group: {@code --bootstrap-servers host:port --group id [--property
     * key=value ...]}; exits with 1 on bad arguments or errors.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Properties props = new Properties();
        String group = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null
                    || !(arg.equals("--bootstrap-servers")
                            || arg.equals("--group")
                            || arg.equals("--property"))) {
                err.println(usage(arg));
                return 1;
            }
            i++;
            if (arg.equals("--bootstrap-servers")) {
                props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, value);
            } else if (arg.equals("--group")) {
                group = value;
            } else {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    err.println("--property needs key=value, got '" + value + "'");
                    return 1;
                }
                props.setProperty(value.substring(0, eq), value.substring(eq + 1));
            }
        }
        if (group == null || !props.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            err.println(usage(null));
            return 1;
        }
        try (ConsumerGroupLagProbe probe = create(props)) {
            List<PartitionLag> lags = probe.probe(group);
            if (lags.isEmpty()) {
                out.println("Group '" + group + "' has no committed offsets.");
            } else {
                out.print(table(lags));
            }
            return 0;
        } catch (LagProbeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static String usage(String badArgument) {
        return (badArgument == null ? "" : "Unexpected argument '" + badArgument + "'. ")
                + "Usage: ConsumerGroupLagProbe --bootstrap-servers host:port --group id"
                + " [--property key=value ...]";
    }

    /** Kafka could not answer a lookup of the probe. */
    public static final class LagProbeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LagProbeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
