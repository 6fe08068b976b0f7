package io.github.flinkkafkabridge.formats.testing;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.InstantiationUtil;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Runs (de)serializers the way the source and sink do: shipped (Java-serialized) first, opened,
 * then used.
 */
public final class Serdes {

    private Serdes() {}

    /** Ships and opens {@code deserializer}. */
    public static <T> KafkaRecordDeserializer<T> opened(KafkaRecordDeserializer<T> deserializer)
            throws Exception {
        KafkaRecordDeserializer<T> shipped = InstantiationUtil.clone(deserializer);
        shipped.open(
                new DeserializationSchema.InitializationContext() {
                    @Override
                    public MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public UserCodeClassLoader getUserCodeClassLoader() {
                        return null;
                    }
                });
        return shipped;
    }

    /** Ships and opens {@code serializer}. */
    public static <T> KafkaRecordSerializer<T> opened(KafkaRecordSerializer<T> serializer)
            throws Exception {
        KafkaRecordSerializer<T> shipped = InstantiationUtil.clone(serializer);
        shipped.open(
                new KafkaRecordSerializer.InitContext() {
                    @Override
                    public int subtaskIndex() {
                        return 0;
                    }

                    @Override
                    public int parallelism() {
                        return 1;
                    }

                    @Override
                    public MetricGroup metricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public SerializationSchema.InitializationContext serializationSchemaContext() {
                        return null;
                    }
                });
        return shipped;
    }

    /** A value-only record of topic {@code t}. */
    public static ConsumerRecord<byte[], byte[]> record(@Nullable byte[] value) {
        return new ConsumerRecord<>("t", 0, 0L, null, value);
    }

    /**
     * {@code record} as a consumer would see it at partition 0, offset 5: key, value, headers and
     * timestamp (0 when the record has none).
     */
    public static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> record) {
        return new ConsumerRecord<>(
                record.topic(),
                0,
                5L,
                record.timestamp() == null ? 0L : record.timestamp(),
                TimestampType.CREATE_TIME,
                record.key() == null ? -1 : record.key().length,
                record.value() == null ? -1 : record.value().length,
                record.key(),
                record.value(),
                new RecordHeaders(record.headers().toArray()),
                Optional.empty());
    }

    /** The elements an opened deserializer emits for {@code record}. */
    public static <T> List<T> readRecord(
            KafkaRecordDeserializer<T> opened, ConsumerRecord<byte[], byte[]> record)
            throws IOException {
        List<T> out = new ArrayList<>();
        opened.deserialize(record, new ListCollector<>(out));
        return out;
    }

    /** The elements an opened deserializer emits for {@code value}. */
    public static <T> List<T> read(KafkaRecordDeserializer<T> opened, @Nullable byte[] value)
            throws IOException {
        List<T> out = new ArrayList<>();
        opened.deserialize(record(value), new ListCollector<>(out));
        return out;
    }

    /** The value bytes an opened serializer writes for {@code element}. */
    public static <T> byte[] write(KafkaRecordSerializer<T> opened, T element) throws Exception {
        ProducerRecord<byte[], byte[]> record = opened.serialize(element, () -> null);
        return record.value();
    }

    /** Ships, opens, writes and reads {@code element}. */
    public static <T> List<T> roundTrip(
            KafkaRecordSerializer<T> serializer, KafkaRecordDeserializer<T> deserializer, T element)
            throws Exception {
        return read(opened(deserializer), write(opened(serializer), element));
    }

    /** Sends {@code value} through the serializer of {@code type} and back. */
    public static <T> T throughTypeSerializer(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T copy = serializer.copy(value);
        T read = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        if (!copy.equals(read)) {
            throw new AssertionError("copy " + copy + " differs from read " + read);
        }
        return read;
    }
}
