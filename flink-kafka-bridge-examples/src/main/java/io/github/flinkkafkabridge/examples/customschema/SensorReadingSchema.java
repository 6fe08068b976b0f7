package io.github.flinkkafkabridge.examples.customschema;

import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A custom schema for {@link SensorReading}: the sensor id is the key (UTF-8), the temperature the
 * value (8 bytes, an IEEE 754 double, big-endian), a {@code unit} header says {@code C} or {@code
 * F}, and the measurement time is the record timestamp. Readings in Fahrenheit are converted.
 *
 * <p>One small class is both the serializer for {@code KafkaBridgeSink} and the deserializer for
 * {@code KafkaBridgeSource}. Bad records fail with a {@link FormatException} saying what was wrong.
 */
public final class SensorReadingSchema
        implements KafkaRecordSerializer<SensorReading>, KafkaRecordDeserializer<SensorReading> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    /**
     * @param topic where the serializer writes; the deserializer reads whatever the source reads
     */
    public SensorReadingSchema(String topic) {
        this.topic = topic;
    }

    // [START custom-schema]
    @Override
    public ProducerRecord<byte[], byte[]> serialize(SensorReading reading, Context context) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        null,
                        reading.timestamp(),
                        reading.sensorId().getBytes(StandardCharsets.UTF_8),
                        ByteBuffer.allocate(8).putDouble(reading.celsius()).array());
        record.headers().add("unit", new byte[] {'C'});
        return record;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SensorReading> out)
            throws FormatException {
        if (record.key() == null) {
            throw new FormatException("A reading needs the sensor id as key");
        }
        if (record.value() == null || record.value().length != 8) {
            throw new FormatException("A reading's value is 8 bytes (a double)");
        }
        double value = ByteBuffer.wrap(record.value()).getDouble();
        Header unit = record.headers().lastHeader("unit");
        boolean fahrenheit =
                unit != null && new String(unit.value(), StandardCharsets.UTF_8).equals("F");
        out.collect(
                new SensorReading(
                        new String(record.key(), StandardCharsets.UTF_8),
                        fahrenheit ? (value - 32) * 5 / 9 : value,
                        record.timestamp()));
    }

    @Override
    public TypeInformation<SensorReading> getProducedType() {
        return TypeInformation.of(SensorReading.class);
    }
    // [END custom-schema]
}
