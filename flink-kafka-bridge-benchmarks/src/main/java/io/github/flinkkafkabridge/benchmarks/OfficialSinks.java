package io.github.flinkkafkabridge.benchmarks;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The sink jobs of the official connector. Kept apart from the bridge's so that the second JVM of
 * the exactly-once comparison, which has kafka-clients 4.2.x, loads no bridge class.
 */
final class OfficialSinks {

    private OfficialSinks() {}

    /** The official sink writing raw bytes to {@code topic}. */
    static KafkaSink<byte[]> sink(
            String bootstrapServers, String topic, DeliveryGuarantee guarantee, String idPrefix) {
        return KafkaSink.<byte[]>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<byte[]>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(new Schemas.Bytes())
                                .build())
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(idPrefix)
                // The connector's default (1 h) is above the broker's maximum (15 min).
                .setProperty("transaction.timeout.ms", "600000")
                .build();
    }

    /** {@code records} generated 100-byte values, split over the environment's parallelism. */
    static DataStream<byte[]> generated(StreamExecutionEnvironment env, long records) {
        return env.fromSequence(0, records - 1).map(new Payload()).name("payload");
    }

    /** Turns a sequence number into a 100-byte value. */
    static final class Payload implements MapFunction<Long, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] map(Long i) {
            byte[] value = new byte[BenchEvent.VALUE_BYTES];
            long x = i;
            for (int b = 0; b < 8; b++) {
                value[b] = (byte) x;
                x >>>= 8;
            }
            return value;
        }
    }
}
