package io.github.flinkkafkabridge.serde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * A Kafka record with a typed key and value and its metadata: headers, topic, partition, offset,
 * timestamp and timestamp type.
 *
 * <p>Read one with {@link KafkaRecordDeserializer#keyValue}, {@link KafkaRecordDeserializer#of} or
 * {@link KafkaRecordDeserializer#records()}; write one with {@link
 * KafkaRecordSerializer#records(String)}, {@link KafkaRecordSerializer#of(String,
 * org.apache.kafka.common.serialization.Serializer,
 * org.apache.kafka.common.serialization.Serializer)} and their siblings, which copy the key, value,
 * headers and timestamp (the topic and partition of the written record are the sink's choice). To
 * make one for writing:
 * <!-- snippet: kafka-record -->
 *
 * <pre>{@code
 * KafkaRecord<String, Order> record =
 *         KafkaRecord.of(order.id(), order).withHeader("source", "web".getBytes(UTF_8));
 * }</pre>
 *
 * <p>Instances are immutable (byte arrays of headers are not copied: do not change them). They
 * travel between Flink operators, and into state, as {@link KafkaRecordTypeInfo} says: the key and
 * value with their own serializers. The deserializers report that type; Flink's type extraction
 * finds it where it sees the type arguments, and {@code .returns(KafkaRecordTypeInfo.of(keyType,
 * valueType))} gives it where it does not.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@TypeInfo(KafkaRecordTypeInfo.Factory.class)
public final class KafkaRecord<K, V> {

    /** The partition and offset of a record that was not read from Kafka. */
    public static final int NO_PARTITION = -1;

    /** The offset of a record that was not read from Kafka. */
    public static final long NO_OFFSET = -1L;

    /** The timestamp of a record without one (Kafka's {@code RecordBatch.NO_TIMESTAMP}). */
    public static final long NO_TIMESTAMP = -1L;

    @Nullable private final K key;
    @Nullable private final V value;
    // An ArrayList, not an unmodifiable view, so that Kryo can copy it where a record travels
    // inside a generic type; never exposed mutable.
    private final ArrayList<Header> headers;
    @Nullable private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;

    /**
     * A record as read from Kafka.
     *
     * @param timestampType {@link TimestampType#NO_TIMESTAMP_TYPE} when {@code timestamp} is {@link
     *     #NO_TIMESTAMP}
     */
    public KafkaRecord(
            @Nullable K key,
            @Nullable V value,
            List<Header> headers,
            @Nullable String topic,
            int partition,
            long offset,
            long timestamp,
            TimestampType timestampType) {
        this.key = key;
        this.value = value;
        this.headers = new ArrayList<>(Objects.requireNonNull(headers, "headers"));
        for (Header header : this.headers) {
            Objects.requireNonNull(header, "headers must not contain null");
        }
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
    }

    /** A record to write: a key and a value, no headers, no timestamp, no origin. */
    public static <K, V> KafkaRecord<K, V> of(@Nullable K key, @Nullable V value) {
        return new KafkaRecord<>(
                key,
                value,
                List.of(),
                null,
                NO_PARTITION,
                NO_OFFSET,
                NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE);
    }

    /**
     * A record read from Kafka: {@code record}'s headers, topic, partition, offset and timestamp,
     * with its key and value as decoded by the caller.
     */
    public static <K, V> KafkaRecord<K, V> read(
            ConsumerRecord<?, ?> record, @Nullable K key, @Nullable V value) {
        List<Header> headers = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            headers.add(new Header(header.key(), header.value()));
        }
        return new KafkaRecord<>(
                key,
                value,
                headers,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType());
    }

    /** This record with one more header (headers may repeat a key). */
    public KafkaRecord<K, V> withHeader(String key, @Nullable byte[] value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(key, value));
        return new KafkaRecord<>(
                this.key, this.value, more, topic, partition, offset, timestamp, timestampType);
    }

    /** This record with a timestamp set by the application ({@code CREATE_TIME}). */
    public KafkaRecord<K, V> withTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, got " + timestamp);
        }
        return new KafkaRecord<>(
                key,
                value,
                headers,
                topic,
                partition,
                offset,
                timestamp,
                TimestampType.CREATE_TIME);
    }

    /** The key, or null. */
    @Nullable
    public K key() {
        return key;
    }

    /** The value, or null (a tombstone). */
    @Nullable
    public V value() {
        return value;
    }

    /** The headers in record order, unmodifiable. */
    public List<Header> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** The value of the last header named {@code key}, or null when there is none. */
    @Nullable
    public byte[] lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i).value();
            }
        }
        return null;
    }

    /** The topic the record was read from, or null. */
    @Nullable
    public String topic() {
        return topic;
    }

    /** The partition the record was read from, or {@link #NO_PARTITION}. */
    public int partition() {
        return partition;
    }

    /** The record's offset in its partition, or {@link #NO_OFFSET}. */
    public long offset() {
        return offset;
    }

    /** Epoch milliseconds, or {@link #NO_TIMESTAMP}. */
    public long timestamp() {
        return timestamp;
    }

    /** Whether {@link #timestamp()} is the producer's create time or the broker's append time. */
    public TimestampType timestampType() {
        return timestampType;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KafkaRecord)) {
            return false;
        }
        KafkaRecord<?, ?> that = (KafkaRecord<?, ?>) o;
        return partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Objects.deepEquals(key, that.key)
                && Objects.deepEquals(value, that.value)
                && headers.equals(that.headers)
                && Objects.equals(topic, that.topic)
                && timestampType == that.timestampType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.deepHashCode(new Object[] {key, value}), headers, topic, partition, offset);
    }

    @Override
    public String toString() {
        return "KafkaRecord{"
                + (topic == null ? "" : topic + "-" + partition + "@" + offset + ", ")
                + "key="
                + describe(key)
                + ", value="
                + describe(value)
                + ", headers="
                + headers
                + (timestamp == NO_TIMESTAMP ? "" : ", " + timestampType + "=" + timestamp)
                + "}";
    }

    private static String describe(@Nullable Object o) {
        return o instanceof byte[] ? ((byte[]) o).length + " bytes" : String.valueOf(o);
    }

    /** One record header: a string key and a byte value, which may be null. */
    public static final class Header {

        private final String key;
        @Nullable private final byte[] value;

        /**
         * @param key the header key, not null
         * @param value the header value, used as is (not copied)
         */
        public Header(String key, @Nullable byte[] value) {
            this.key = Objects.requireNonNull(key, "header key");
            this.value = value;
        }

        public String key() {
            return key;
        }

        @Nullable
        public byte[] value() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header
                    && key.equals(((Header) o).key)
                    && Arrays.equals(value, ((Header) o).value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + (value == null ? "null" : value.length + " bytes");
        }
    }
}
