package io.github.flinkkafkabridge.formats.registry;

/**
 * How a serializer names the subject it registers or looks up its schema under, as in Confluent's
 * serializers. Keys and values are told apart only by {@link #TOPIC}; under {@link #RECORD} and
 * {@link #TOPIC_RECORD} a key and a value of the same record type share a subject. A key format and
 * a value format may use different strategies (each has its own {@link SchemaRegistryConfig}).
 *
 * <table>
 *   <caption>Subjects for topic {@code orders} and record type {@code shop.Order}</caption>
 *   <tr><th>strategy</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@code TOPIC}</td><td>{@code orders-key}</td><td>{@code orders-value}</td></tr>
 *   <tr><td>{@code RECORD}</td><td>{@code shop.Order}</td><td>{@code shop.Order}</td></tr>
 *   <tr><td>{@code TOPIC_RECORD}</td><td>{@code orders-shop.Order}</td>
 *       <td>{@code orders-shop.Order}</td></tr>
 * </table>
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC,
    /** The record's fully qualified name: one lineage per record type, across topics. */
    RECORD,
    /** {@code <topic>-<record name>}: one lineage per record type and topic. */
    TOPIC_RECORD;

    /**
     * The subject for a key or value of {@code recordName} written to {@code topic}.
     *
     * @param recordName the Avro full name, Protobuf message full name or JSON Schema title
     */
    public String subject(String topic, boolean isKey, String recordName) {
        switch (this) {
            case RECORD:
                return recordName;
            case TOPIC_RECORD:
                return topic + "-" + recordName;
            default:
                return topic + (isKey ? "-key" : "-value");
        }
    }
}
