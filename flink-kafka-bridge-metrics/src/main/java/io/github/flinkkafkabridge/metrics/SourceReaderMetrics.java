package io.github.flinkkafkabridge.metrics;

import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BACKLOG_BYTES;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BACKLOG_RECORDS;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BYTES_READ;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.BYTES_READ_PER_SECOND;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.CATCH_UP_TIME_SECONDS;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.CURRENT_EMIT_LAG;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.CURRENT_FETCH_LAG;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.EMIT_LAG;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.FETCH_LAG;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_BACKLOG_BYTES;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_BACKLOG_RECORDS;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_CATCH_UP_TIME_SECONDS;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_CURRENT_OFFSET;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_LOG_END_OFFSET;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_RECORDS_READ;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_RECORDS_READ_PER_SECOND;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.PARTITION_TIME_LAG_SECONDS;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_DEAD_LETTERED;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_READ;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_READ_PER_SECOND;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.RECORDS_SKIPPED;
import static io.github.flinkkafkabridge.metrics.KafkaBridgeMetric.TIME_LAG_SECONDS;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntToLongFunction;
import java.util.function.ToLongFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

/**
 * The metrics of one Kafka source reader (see {@link KafkaBridgeMetric} for every name): read rate,
 * fetch and emit lag, backlog and time lag per partition and summed, error, skip and dead-letter
 * counters. The source registers it for every reader unless metrics are switched off; it works the
 * same outside Flink on any {@link MetricGroup}.
 *
 * <p>The hot path is the per-record calls on {@link SourcePartitionMetrics} and {@link
 * #recordFetched}: a few field stores, no allocation. The lag histograms take every record while
 * records come slowly and about one per millisecond at high rates (see {@code AdaptiveSampler}), so
 * a record that is not sampled reads no clock. Everything else is computed when a reporter reads
 * it.
 *
 * <p>Threads: {@link #partition} from any thread (synchronized); {@link #recordFetched} from the
 * fetcher thread only; the emit side and the error counters from the task thread only.
 */
public final class SourceReaderMetrics {

    private final MetricGroup group;
    private final MetricsClock clock;
    private final Counter numRecordsInErrors;
    private final Counter recordsSkipped;
    private final Counter recordsDeadLettered;
    private final LatencyHistogram fetchLag;
    private final LatencyHistogram emitLag;
    private final SlidingWindowRate recordsRate;
    private final SlidingWindowRate bytesRate;

    private final Map<String, Map<Integer, SourcePartitionMetrics>> byTopic = new HashMap<>();
    private final List<SourcePartitionMetrics> partitions = new CopyOnWriteArrayList<>();

    /** Task thread only. */
    private final AdaptiveSampler emitSampler;

    /** Fetcher thread only. */
    private final AdaptiveSampler fetchSampler;

    private SourceReaderMetrics(
            MetricGroup operatorGroup, Counter numRecordsInErrors, MetricsClock clock) {
        this.group = operatorGroup.addGroup(KafkaBridgeMetric.SOURCE_GROUP);
        this.clock = clock;
        this.emitSampler = new AdaptiveSampler(clock);
        this.fetchSampler = new AdaptiveSampler(clock);
        this.numRecordsInErrors = numRecordsInErrors;
        this.recordsSkipped = group.counter(RECORDS_SKIPPED.metricName());
        this.recordsDeadLettered = group.counter(RECORDS_DEAD_LETTERED.metricName());
        this.fetchLag = group.histogram(FETCH_LAG.metricName(), new LatencyHistogram(clock));
        this.emitLag = group.histogram(EMIT_LAG.metricName(), new LatencyHistogram(clock));
        group.gauge(CURRENT_FETCH_LAG.metricName(), fetchLag.currentValueGauge());
        group.gauge(CURRENT_EMIT_LAG.metricName(), emitLag.currentValueGauge());
        group.counter(RECORDS_READ.metricName(), new DerivedCounter(this::recordsRead));
        group.counter(BYTES_READ.metricName(), new DerivedCounter(this::bytesRead));
        this.recordsRate =
                group.gauge(
                        RECORDS_READ_PER_SECOND.metricName(),
                        new SlidingWindowRate(this::recordsRead, clock));
        this.bytesRate =
                group.gauge(
                        BYTES_READ_PER_SECOND.metricName(),
                        new SlidingWindowRate(this::bytesRead, clock));
        group.gauge(BACKLOG_RECORDS.metricName(), (Gauge<Long>) this::backlogRecords);
        group.gauge(BACKLOG_BYTES.metricName(), (Gauge<Long>) this::backlogBytes);
        group.gauge(TIME_LAG_SECONDS.metricName(), (Gauge<Double>) this::timeLagSeconds);
        group.gauge(CATCH_UP_TIME_SECONDS.metricName(), (Gauge<Double>) this::catchUpTimeSeconds);
    }

    /**
     * Registers the metrics of a source reader: ours under {@code KafkaBridgeSource}, plus Flink's
     * standard {@code numRecordsInErrors}, {@code pendingRecords} and {@code pendingBytes}.
     */
    public static SourceReaderMetrics register(SourceReaderMetricGroup group, MetricsClock clock) {
        SourceReaderMetrics metrics =
                new SourceReaderMetrics(group, group.getNumRecordsInErrorsCounter(), clock);
        group.setPendingRecordsGauge(metrics::backlogRecords);
        group.setPendingBytesGauge(metrics::backlogBytes);
        return metrics;
    }

    /**
     * Registers the metrics under {@code KafkaBridgeSource} in any group, e.g. outside Flink's
     * source API; read errors count into {@code numRecordsInErrors}.
     */
    public static SourceReaderMetrics register(
            MetricGroup group, Counter numRecordsInErrors, MetricsClock clock) {
        return new SourceReaderMetrics(group, numRecordsInErrors, clock);
    }

    /** The clock of every reading. */
    public MetricsClock clock() {
        return clock;
    }

    /**
     * The metrics of a partition, created and registered on first use. Cache the result on the
     * per-record path.
     */
    public synchronized SourcePartitionMetrics partition(String topic, int partition) {
        Map<Integer, SourcePartitionMetrics> ofTopic =
                byTopic.computeIfAbsent(topic, t -> new HashMap<>());
        SourcePartitionMetrics existing = ofTopic.get(partition);
        if (existing != null) {
            return existing;
        }
        SourcePartitionMetrics created = new SourcePartitionMetrics(topic, partition, this);
        MetricGroup partitionGroup =
                group.addGroup(KafkaBridgeMetric.TOPIC_GROUP_KEY, topic)
                        .addGroup(KafkaBridgeMetric.PARTITION_GROUP_KEY, String.valueOf(partition));
        partitionGroup.counter(
                PARTITION_RECORDS_READ.metricName(), new DerivedCounter(created::recordsRead));
        partitionGroup.gauge(PARTITION_RECORDS_READ_PER_SECOND.metricName(), created.recordsRate());
        partitionGroup.gauge(
                PARTITION_CURRENT_OFFSET.metricName(), (Gauge<Long>) created::currentOffset);
        partitionGroup.gauge(
                PARTITION_LOG_END_OFFSET.metricName(), (Gauge<Long>) created::logEndOffset);
        partitionGroup.gauge(
                PARTITION_BACKLOG_RECORDS.metricName(), (Gauge<Long>) created::backlogRecords);
        partitionGroup.gauge(
                PARTITION_BACKLOG_BYTES.metricName(), (Gauge<Long>) created::backlogBytes);
        partitionGroup.gauge(
                PARTITION_TIME_LAG_SECONDS.metricName(), (Gauge<Double>) created::timeLagSeconds);
        partitionGroup.gauge(
                PARTITION_CATCH_UP_TIME_SECONDS.metricName(),
                (Gauge<Double>) created::catchUpTimeSeconds);
        ofTopic.put(partition, created);
        partitions.add(created);
        return created;
    }

    // ---- hot path -------------------------------------------------------------------------------

    /**
     * A record with {@code timestampMillis} was fetched at {@code nowMillis} (read the clock once
     * per poll). Fetcher thread; sampled into the fetch lag histogram.
     */
    public void recordFetched(long nowMillis, long timestampMillis) {
        if (fetchSampler.sampleNext() && timestampMillis >= 0) {
            fetchLag.update(nowMillis - timestampMillis);
        }
    }

    /**
     * {@code count} records were fetched at {@code nowMillis} (one poll of one partition); {@code
     * timestamps} gives the timestamp of the i-th. Samples exactly as {@code count} calls of {@link
     * #recordFetched(long, long)} would, but reads only the sampled records' timestamps. Fetcher
     * thread.
     */
    public void recordFetched(long nowMillis, int count, IntToLongFunction timestamps) {
        fetchSampler.sampleBatch(
                count,
                i -> {
                    long timestampMillis = timestamps.applyAsLong(i);
                    if (timestampMillis >= 0) {
                        fetchLag.update(nowMillis - timestampMillis);
                    }
                });
    }

    /** Task thread, from {@link SourcePartitionMetrics#recordEmitted}. */
    void sampleEmitLag(long offset, long timestampMillis) {
        if (emitSampler.sampleSequence(offset) && timestampMillis >= 0) {
            emitLag.update(clock.currentTimeMillis() - timestampMillis);
        }
    }

    /** A record could not be read (e.g. deserialization failed): {@code numRecordsInErrors}. */
    public void recordError() {
        numRecordsInErrors.inc();
    }

    /** A bad record was skipped by the skip policy. Task thread. */
    public void recordSkipped() {
        recordsSkipped.inc();
    }

    /** A bad record was sent to the dead-letter topic. Task thread. */
    public void recordDeadLettered() {
        recordsDeadLettered.inc();
    }

    // ---- gauges ---------------------------------------------------------------------------------

    /** Records read, over all partitions. */
    public long recordsRead() {
        return sum(SourcePartitionMetrics::recordsRead);
    }

    /** Serialized bytes read, over all partitions. */
    public long bytesRead() {
        return sum(SourcePartitionMetrics::bytesRead);
    }

    /** Records per second over the sliding window. */
    public double recordsReadPerSecond() {
        return recordsRate.ratePerSecond();
    }

    /** Bytes per second over the sliding window. */
    public double bytesReadPerSecond() {
        return bytesRate.ratePerSecond();
    }

    /** Records not yet read, over all partitions. */
    public long backlogRecords() {
        return sum(SourcePartitionMetrics::backlogRecords);
    }

    /** Estimated bytes not yet read, over all partitions. */
    public long backlogBytes() {
        return sum(SourcePartitionMetrics::backlogBytes);
    }

    /** The largest time lag of the partitions, in seconds; NaN if every lag is unknown. */
    public double timeLagSeconds() {
        double max = Double.NaN;
        for (SourcePartitionMetrics partition : partitions) {
            double lag = partition.timeLagSeconds();
            if (!Double.isNaN(lag) && (Double.isNaN(max) || lag > max)) {
                max = lag;
            }
        }
        return partitions.isEmpty() ? 0.0 : max;
    }

    /** Total backlog / total read rate, in seconds (Little's law). */
    public double catchUpTimeSeconds() {
        return PipelineModel.timeLagSeconds(backlogRecords(), recordsReadPerSecond());
    }

    /** The fetch lag histogram. */
    public LatencyHistogram fetchLag() {
        return fetchLag;
    }

    /** The emit lag histogram. */
    public LatencyHistogram emitLag() {
        return emitLag;
    }

    /** The partitions seen so far. */
    public List<SourcePartitionMetrics> partitions() {
        return List.copyOf(partitions);
    }

    private long sum(ToLongFunction<SourcePartitionMetrics> value) {
        long sum = 0;
        for (SourcePartitionMetrics partition : partitions) {
            sum += value.applyAsLong(partition);
        }
        return sum;
    }
}
