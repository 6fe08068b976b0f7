package io.github.flinkkafkabridge.formats.registry;

/**
 * How a serializer names the subject it registers or looks up its schema under, as in Confluent's
 * serializers.
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
