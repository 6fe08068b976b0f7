package io.github.flinkkafkabridge.sink.writer;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.SendErrorPolicy;
import io.github.flinkkafkabridge.sink.internals.SinkSettings;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.MetricNames;

/** Writer contexts and settings for writer tests, without a Flink runtime. */
public final class TestWriterContexts {

    private TestWriterContexts() {}

    /** The context of an element written without a timestamp, before any watermark. */
    public static final SinkWriter.Context NO_TIMESTAMP =
            new SinkWriter.Context() {
                @Override
                public long currentWatermark() {
                    return Long.MIN_VALUE;
                }

                @Override
                public Long timestamp() {
                    return null;
                }
            };

    /**
     * A context of subtask {@code index} of {@code parallelism} whose metrics are registered in
     * {@code metrics} under their names.
     */
    public static WriterInitContext context(int index, int parallelism, MetricListener metrics) {
        WriterInitContext context = mock(WriterInitContext.class);
        MetricGroup group = metrics.getMetricGroup();
        SinkWriterMetricGroup writerMetrics = mock(SinkWriterMetricGroup.class);
        when(writerMetrics.counter(anyString()))
                .thenAnswer(call -> group.counter((String) call.getArgument(0)));
        when(writerMetrics.addGroup(anyString()))
                .thenAnswer(call -> group.addGroup((String) call.getArgument(0)));
        Counter send = group.counter(MetricNames.NUM_RECORDS_SEND);
        Counter bytes = group.counter(MetricNames.NUM_BYTES_SEND);
        Counter errors = group.counter(MetricNames.NUM_RECORDS_SEND_ERRORS);
        when(writerMetrics.getNumRecordsSendCounter()).thenReturn(send);
        when(writerMetrics.getNumBytesSendCounter()).thenReturn(bytes);
        when(writerMetrics.getNumRecordsSendErrorsCounter()).thenReturn(errors);
        when(context.metricGroup()).thenReturn(writerMetrics);
        when(context.getTaskInfo())
                .thenReturn(new TaskInfoImpl("sink", 128, index, parallelism, 0));
        when(context.getJobInfo()).thenReturn(new JobInfoImpl(new JobID(), "test job"));
        when(context.getRestoredCheckpointId()).thenReturn(OptionalLong.empty());
        when(context.getMailboxExecutor()).thenReturn(mock(MailboxExecutor.class));
        when(context.asSerializationSchemaInitializationContext())
                .thenReturn(mock(SerializationSchema.InitializationContext.class));
        return context;
    }

    /**
     * EXACTLY_ONCE settings of a sink writing UTF-8 strings to {@code topic} at {@code
     * bootstrapServers}, failing on send errors, with a bounded {@code max.block.ms}.
     */
    public static SinkSettings<String> exactlyOnce(
            String bootstrapServers, String topic, String prefix, int poolSize) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("max.block.ms", "20000");
        return new SinkSettings<>(
                props,
                DeliveryGuarantee.EXACTLY_ONCE,
                KafkaRecordSerializer.utf8String(topic),
                null,
                prefix,
                poolSize,
                SendErrorPolicy.fail(),
                "sink-" + prefix);
    }
}
