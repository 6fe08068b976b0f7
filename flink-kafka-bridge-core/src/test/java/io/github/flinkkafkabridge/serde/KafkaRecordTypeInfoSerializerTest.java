package io.github.flinkkafkabridge.serde;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Nested;

/**
 * Flink's own contract checks ({@link SerializerTestBase}) for {@link
 * KafkaRecordTypeInfo.RecordSerializer}: copies, single and sequential (de)serialization with and
 * without reuse, binary copies, snapshot and restore, serializability, equality and concurrent use
 * of duplicates, over records with and without keys, values, topics, headers and timestamps.
 */
class KafkaRecordTypeInfoSerializerTest extends SerializerTestBase<KafkaRecord<String, byte[]>> {

    /** String keys and byte-array values: every shape of record the source or a user makes. */
    @SuppressWarnings("unchecked")
    static KafkaRecord<String, byte[]>[] records() {
        byte[] large = new byte[3_000];
        Arrays.fill(large, (byte) 7);
        return new KafkaRecord[] {
            KafkaRecord.of(null, null),
            KafkaRecord.of("k", new byte[] {1, 2, 3}),
            KafkaRecord.of("", new byte[0]).withTimestamp(0L),
            KafkaRecord.<String, byte[]>of(null, large).withHeader("h", null),
            new KafkaRecord<>(
                    "ключ-🔑",
                    new byte[] {-1, 0, 1},
                    List.of(
                            new KafkaRecord.Header("trace", "abc".getBytes(UTF_8)),
                            new KafkaRecord.Header("trace", new byte[0]),
                            new KafkaRecord.Header("nothing", null)),
                    "orders",
                    3,
                    1042L,
                    1_700_000_000_000L,
                    TimestampType.LOG_APPEND_TIME),
            // A tombstone as read from Kafka.
            new KafkaRecord<>(
                    "gone",
                    null,
                    List.of(),
                    "orders",
                    0,
                    Long.MAX_VALUE,
                    1L,
                    TimestampType.CREATE_TIME),
            // Read from Kafka without a timestamp (an old message format).
            new KafkaRecord<>(
                    null,
                    new byte[] {9},
                    List.of(),
                    "t",
                    Integer.MAX_VALUE,
                    0L,
                    KafkaRecord.NO_TIMESTAMP,
                    TimestampType.NO_TIMESTAMP_TYPE),
        };
    }

    @Override
    protected TypeSerializer<KafkaRecord<String, byte[]>> createSerializer() {
        return KafkaRecordTypeInfo.of(
                        Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Class<KafkaRecord<String, byte[]>> getTypeClass() {
        return (Class) KafkaRecord.class;
    }

    @Override
    protected KafkaRecord<String, byte[]>[] getTestData() {
        return records();
    }

    /**
     * The same checks with keys through Kryo (a stateful serializer, so duplicates are used
     * concurrently) and {@code Long} values: what a record gets when Flink cannot see its key type.
     */
    @Nested
    class WithKryoKeys extends SerializerTestBase<KafkaRecord<Object, Long>> {

        @Override
        protected TypeSerializer<KafkaRecord<Object, Long>> createSerializer() {
            return KafkaRecordTypeInfo.of(new GenericTypeInfo<>(Object.class), Types.LONG)
                    .createSerializer(new SerializerConfigImpl());
        }

        @Override
        protected int getLength() {
            return -1;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Class<KafkaRecord<Object, Long>> getTypeClass() {
            return (Class) KafkaRecord.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected KafkaRecord<Object, Long>[] getTestData() {
            return new KafkaRecord[] {
                KafkaRecord.of(null, null),
                KafkaRecord.of("a string", 1L),
                KafkaRecord.of(42, Long.MIN_VALUE).withHeader("h", new byte[] {1}),
                KafkaRecord.of(new ArrayList<>(List.of("a", "b")), 0L).withTimestamp(5L),
            };
        }
    }
}
