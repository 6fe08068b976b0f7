package io.github.flinkkafkabridge.sink;

import io.github.flinkkafkabridge.internal.KafkaClientFactory;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittable;
import io.github.flinkkafkabridge.internal.transactions.KafkaCommittableSerializer;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterState;
import io.github.flinkkafkabridge.internal.transactions.KafkaWriterStateSerializer;
import io.github.flinkkafkabridge.metrics.SinkCommitterMetrics;
import io.github.flinkkafkabridge.sink.committer.KafkaCommitter;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import io.github.flinkkafkabridge.sink.writer.AtLeastOnceWriter;
import io.github.flinkkafkabridge.sink.writer.ExactlyOnceWriter;
import io.github.flinkkafkabridge.sink.writer.KafkaWriterBase;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A Flink sink writing elements to Kafka, on Sink V2 and kafka-clients, with the delivery guarantee
 * {@code NONE}, {@code AT_LEAST_ONCE} (the default) or {@code EXACTLY_ONCE}.
 * <!-- snippet: sink-snippet -->
 *
 * <pre>{@code
 * KafkaBridgeSink<String> sink =
 *         KafkaBridgeSink.<String>builder()
 *                 .setBootstrapServers(bootstrapServers)
 *                 .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
 *                 .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *                 .setTransactionalIdPrefix("greetings-job")
 *                 .build();
 * greetings.sinkTo(sink);
 * }</pre>
 *
 * <table>
 *   <caption>Delivery guarantees</caption>
 *   <tr><th>Guarantee</th><th>After a failure</th><th>Cost</th></tr>
 *   <tr><td>{@code NONE}</td><td>records buffered in the producer are lost; records may be
 *       duplicated</td><td>none: no flush at checkpoints</td></tr>
 *   <tr><td>{@code AT_LEAST_ONCE}</td><td>nothing lost; records written since the last
 *       checkpoint are written again</td><td>each checkpoint waits for all acknowledgements</td>
 *   </tr>
 *   <tr><td>{@code EXACTLY_ONCE}</td><td>{@code read_committed} consumers see every record
 *       once</td><td>records become visible only when the checkpoint completes (latency of one
 *       checkpoint interval); a transaction commit per checkpoint and writer; checkpoints must
 *       complete within {@code transaction.timeout.ms}</td></tr>
 * </table>
 *
 * <p>Built by {@link #builder()}; see {@link KafkaBridgeSinkBuilder} for every option, its default
 * and the producer properties the sink controls. Immutable once built and serializable; Flink
 * creates its writers and committers on the task managers.
 *
 * @param <T> the type of the stream elements
 */
public final class KafkaBridgeSink<T>
        implements Sink<T>,
                SupportsWriterState<T, KafkaWriterState>,
                SupportsCommitter<KafkaCommittable>,
                SupportsPreWriteTopology<T> {

    private static final long serialVersionUID = 1L;

    private final SinkSettings<T> settings;
    private final KafkaClientFactory clients;

    /**
     * The job's checkpoint interval, read from the execution environment when the job graph is
     * built ({@link #addPreWriteTopology}); -1 when unknown.
     */
    private long checkpointIntervalMs = -1;

    KafkaBridgeSink(SinkSettings<T> settings, KafkaClientFactory clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /** The entry point: a builder with every option at its default. */
    public static <T> KafkaBridgeSinkBuilder<T> builder() {
        return new KafkaBridgeSinkBuilder<>();
    }

    /** The configured delivery guarantee. */
    public DeliveryGuarantee getDeliveryGuarantee() {
        return settings.deliveryGuarantee();
    }

    @Override
    public KafkaWriterBase<T> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public KafkaWriterBase<T> restoreWriter(
            WriterInitContext context, Collection<KafkaWriterState> recoveredState)
            throws IOException {
        if (settings.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            return new ExactlyOnceWriter<>(
                    settings, context, clients, checkpointIntervalMs, recoveredState);
        }
        return new AtLeastOnceWriter<>(settings, context, clients);
    }

    @Override
    public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
        return new KafkaWriterStateSerializer();
    }

    @Override
    public Committer<KafkaCommittable> createCommitter(CommitterInitContext context) {
        return new KafkaCommitter(settings, SinkCommitterMetrics.register(context.metricGroup()));
    }

    @Override
    public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
        return new KafkaCommittableSerializer();
    }

    /**
     * Adds nothing; records the job's checkpoint interval so that EXACTLY_ONCE writers can check
     * {@code transaction.timeout.ms} against it at start.
     */
    @Override
    public DataStream<T> addPreWriteTopology(DataStream<T> inputDataStream) {
        checkpointIntervalMs = inputDataStream.getExecutionEnvironment().getCheckpointInterval();
        return inputDataStream;
    }

    @Override
    public String toString() {
        return "KafkaBridgeSink" + settings;
    }
}
