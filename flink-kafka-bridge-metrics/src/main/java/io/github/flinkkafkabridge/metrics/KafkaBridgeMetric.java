package io.github.flinkkafkabridge.metrics;

/**
 * Every metric of the library, declared once: its name, where it is registered, its kind, unit and
 * meaning. The README's "Metrics" table lists the same entries (a test keeps the two in sync).
 *
 * <p>Names follow Flink's conventions: camelCase, counters as plain nouns ({@code recordsRead}),
 * rates with a {@code PerSecond} suffix, per-partition metrics in a {@code topic}/{@code partition}
 * key-value sub-group so reporters turn them into labels or tags. Rates cover the last {@link
 * SlidingWindowRate#DEFAULT_WINDOW}; latency histograms the last {@link
 * LatencyHistogram#DEFAULT_WINDOW}.
 */
public enum KafkaBridgeMetric {
    // ---- Source, per reader --------------------------------------------------------------------
    RECORDS_READ(
            Scope.SOURCE, "recordsRead", Kind.COUNTER, "records", "Records read by the reader."),
    BYTES_READ(
            Scope.SOURCE,
            "bytesRead",
            Kind.COUNTER,
            "bytes",
            "Serialized key plus value bytes of the records read."),
    RECORDS_READ_PER_SECOND(
            Scope.SOURCE,
            "recordsReadPerSecond",
            Kind.GAUGE,
            "records/s",
            "Read rate R = B / T over the sliding window."),
    BYTES_READ_PER_SECOND(
            Scope.SOURCE,
            "bytesReadPerSecond",
            Kind.GAUGE,
            "bytes/s",
            "Read rate in bytes over the sliding window."),
    FETCH_LAG(
            Scope.SOURCE,
            "fetchLag",
            Kind.HISTOGRAM,
            "ms",
            "Now minus the record timestamp when the consumer fetched it (sampled)."),
    CURRENT_FETCH_LAG(
            Scope.SOURCE, "currentFetchLag", Kind.GAUGE, "ms", "The last sampled fetch lag."),
    EMIT_LAG(
            Scope.SOURCE,
            "emitLag",
            Kind.HISTOGRAM,
            "ms",
            "Now minus the record timestamp when the reader emitted it (sampled)."),
    CURRENT_EMIT_LAG(
            Scope.SOURCE, "currentEmitLag", Kind.GAUGE, "ms", "The last sampled emit lag."),
    BACKLOG_RECORDS(
            Scope.SOURCE,
            "backlogRecords",
            Kind.GAUGE,
            "records",
            "Records not yet read, summed over the reader's partitions (log end minus position)."),
    BACKLOG_BYTES(
            Scope.SOURCE,
            "backlogBytes",
            Kind.GAUGE,
            "bytes",
            "Estimated bytes not yet read: each partition's backlog times its average record"
                    + " size."),
    TIME_LAG_SECONDS(
            Scope.SOURCE,
            "timeLagSeconds",
            Kind.GAUGE,
            "s",
            "How far behind: the largest time lag of the reader's partitions."),
    CATCH_UP_TIME_SECONDS(
            Scope.SOURCE,
            "catchUpTimeSeconds",
            Kind.GAUGE,
            "s",
            "How long to catch up, by Little's law: backlog / read rate; NaN with a backlog and"
                    + " no reads in the window."),
    RECORDS_SKIPPED(
            Scope.SOURCE,
            "recordsSkipped",
            Kind.COUNTER,
            "records",
            "Records dropped by the skip policy for bad records."),
    RECORDS_DEAD_LETTERED(
            Scope.SOURCE,
            "recordsDeadLettered",
            Kind.COUNTER,
            "records",
            "Records sent to the dead-letter topic by the dead-letter policy."),
    COMMITS_SUCCEEDED(
            Scope.SOURCE,
            "commitsSucceeded",
            Kind.COUNTER,
            "commits",
            "Offset commits to the consumer group that succeeded."),
    COMMITS_FAILED(
            Scope.SOURCE,
            "commitsFailed",
            Kind.COUNTER,
            "commits",
            "Offset commits to the consumer group that failed."),

    // ---- Source, Flink's standard connector metrics on the reader's operator group --------------
    NUM_RECORDS_IN_ERRORS(
            Scope.SOURCE_OPERATOR,
            "numRecordsInErrors",
            Kind.COUNTER,
            "records",
            "Records that could not be read (deserialization failures), Flink's standard name."),
    PENDING_RECORDS(
            Scope.SOURCE_OPERATOR,
            "pendingRecords",
            Kind.GAUGE,
            "records",
            "Flink's standard name for backlogRecords."),
    PENDING_BYTES(
            Scope.SOURCE_OPERATOR,
            "pendingBytes",
            Kind.GAUGE,
            "bytes",
            "Flink's standard name for backlogBytes."),

    // ---- Source, per partition
    // -------------------------------------------------------------------
    PARTITION_RECORDS_READ(
            Scope.SOURCE_PARTITION,
            "recordsRead",
            Kind.COUNTER,
            "records",
            "Records read from the partition."),
    PARTITION_RECORDS_READ_PER_SECOND(
            Scope.SOURCE_PARTITION,
            "recordsReadPerSecond",
            Kind.GAUGE,
            "records/s",
            "Read rate of the partition over the sliding window."),
    PARTITION_CURRENT_OFFSET(
            Scope.SOURCE_PARTITION,
            "currentOffset",
            Kind.GAUGE,
            "offset",
            "Offset of the next record to read; -1 before the first assignment."),
    PARTITION_LOG_END_OFFSET(
            Scope.SOURCE_PARTITION,
            "logEndOffset",
            Kind.GAUGE,
            "offset",
            "Log end (high watermark, or last stable offset under read_committed) seen by the last"
                    + " fetch; -1 before the first fetch."),
    PARTITION_BACKLOG_RECORDS(
            Scope.SOURCE_PARTITION,
            "backlogRecords",
            Kind.GAUGE,
            "records",
            "Log end (or stopping offset) minus current offset; 0 before the first fetch."),
    PARTITION_BACKLOG_BYTES(
            Scope.SOURCE_PARTITION,
            "backlogBytes",
            Kind.GAUGE,
            "bytes",
            "backlogRecords times the partition's average record size."),
    PARTITION_TIME_LAG_SECONDS(
            Scope.SOURCE_PARTITION,
            "timeLagSeconds",
            Kind.GAUGE,
            "s",
            "How far behind, from timestamps: now minus the timestamp of the record being read"
                    + " (the last one read); 0 without backlog, NaN without timestamps."),
    PARTITION_CATCH_UP_TIME_SECONDS(
            Scope.SOURCE_PARTITION,
            "catchUpTimeSeconds",
            Kind.GAUGE,
            "s",
            "How long to catch up, by Little's law: backlogRecords / recordsReadPerSecond."),

    // ---- Sink, per writer
    // --------------------------------------------------------------------------
    RECORDS_WRITTEN(
            Scope.SINK,
            "recordsWritten",
            Kind.COUNTER,
            "records",
            "Records acknowledged by Kafka (not just handed to the producer)."),
    BYTES_WRITTEN(
            Scope.SINK,
            "bytesWritten",
            Kind.COUNTER,
            "bytes",
            "Serialized key plus value bytes of the acknowledged records."),
    RECORDS_WRITTEN_PER_SECOND(
            Scope.SINK,
            "recordsWrittenPerSecond",
            Kind.GAUGE,
            "records/s",
            "Write rate W = B / T of acknowledged records over the sliding window."),
    BYTES_WRITTEN_PER_SECOND(
            Scope.SINK,
            "bytesWrittenPerSecond",
            Kind.GAUGE,
            "bytes/s",
            "Write rate in acknowledged bytes over the sliding window."),
    ACK_LATENCY(
            Scope.SINK, "ackLatency", Kind.HISTOGRAM, "ms", "Send to acknowledgement (sampled)."),
    CURRENT_ACK_LATENCY(
            Scope.SINK, "currentAckLatency", Kind.GAUGE, "ms", "The last sampled ack latency."),
    END_TO_END_LATENCY(
            Scope.SINK,
            "endToEndLatency",
            Kind.HISTOGRAM,
            "ms",
            "Source record timestamp to acknowledgement, for elements that carry it (sampled)."),
    CURRENT_END_TO_END_LATENCY(
            Scope.SINK,
            "currentEndToEndLatency",
            Kind.GAUGE,
            "ms",
            "The last sampled end-to-end latency."),
    RECORDS_IN_FLIGHT(
            Scope.SINK,
            "recordsInFlight",
            Kind.GAUGE,
            "records",
            "Records sent and not yet acknowledged or failed; about rate x ack latency (Little's"
                    + " law)."),
    BYTES_IN_FLIGHT(
            Scope.SINK,
            "bytesInFlight",
            Kind.GAUGE,
            "bytes",
            "Bytes sent and not yet acknowledged or failed."),
    TRANSACTIONS_COMMITTED(
            Scope.SINK_COMMITTER,
            "transactionsCommitted",
            Kind.COUNTER,
            "transactions",
            "Kafka transactions committed (exactly-once), by the sink's committer."),
    TRANSACTIONS_ABORTED(
            Scope.SINK,
            "transactionsAborted",
            Kind.COUNTER,
            "transactions",
            "Kafka transactions aborted (exactly-once)."),
    SINK_RECORDS_DEAD_LETTERED(
            Scope.SINK,
            "recordsDeadLettered",
            Kind.COUNTER,
            "records",
            "Rejected records written to the dead-letter topic.");

    /** Name of the source's sub-group under the reader's operator metric group. */
    public static final String SOURCE_GROUP = "KafkaBridgeSource";

    /** Name of the sink's sub-group under the writer's operator metric group. */
    public static final String SINK_GROUP = "KafkaBridgeSink";

    /** Key of the per-topic sub-group: {@code addGroup("topic", name)}. */
    public static final String TOPIC_GROUP_KEY = "topic";

    /** Key of the per-partition sub-group: {@code addGroup("partition", number)}. */
    public static final String PARTITION_GROUP_KEY = "partition";

    /** Where a metric is registered. */
    public enum Scope {
        /** The reader's operator group, sub-group {@value #SOURCE_GROUP}. */
        SOURCE(SOURCE_GROUP),
        /** The reader's operator group itself: Flink's standard connector metrics. */
        SOURCE_OPERATOR(""),
        /** {@code KafkaBridgeSource.topic.<topic>.partition.<partition>}. */
        SOURCE_PARTITION(SOURCE_GROUP + ".topic.<topic>.partition.<partition>"),
        /** The writer's operator group, sub-group {@value #SINK_GROUP}. */
        SINK(SINK_GROUP),
        /** The committer's operator group, sub-group {@value #SINK_GROUP}. */
        SINK_COMMITTER(SINK_GROUP);

        private final String groupPath;

        Scope(String groupPath) {
            this.groupPath = groupPath;
        }

        /** The group path below the operator group; empty for the operator group itself. */
        public String groupPath() {
            return groupPath;
        }
    }

    /** The Flink metric type. */
    public enum Kind {
        COUNTER,
        GAUGE,
        HISTOGRAM
    }

    private final Scope scope;
    private final String metricName;
    private final Kind kind;
    private final String unit;
    private final String description;

    KafkaBridgeMetric(Scope scope, String metricName, Kind kind, String unit, String description) {
        this.scope = scope;
        this.metricName = metricName;
        this.kind = kind;
        this.unit = unit;
        this.description = description;
    }

    /** The name registered in the metric group. */
    public String metricName() {
        return metricName;
    }

    /** Where the metric is registered. */
    public Scope scope() {
        return scope;
    }

    /** Counter, gauge or histogram. */
    public Kind kind() {
        return kind;
    }

    /** The unit of the value, e.g. {@code records/s} or {@code ms}. */
    public String unit() {
        return unit;
    }

    /** What the value means. */
    public String description() {
        return description;
    }

    /** The name with its group path, e.g. {@code KafkaBridgeSource.recordsRead}. */
    public String qualifiedName() {
        return scope.groupPath().isEmpty() ? metricName : scope.groupPath() + "." + metricName;
    }
}
