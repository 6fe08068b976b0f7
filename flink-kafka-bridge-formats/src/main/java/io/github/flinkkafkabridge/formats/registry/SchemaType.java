package io.github.flinkkafkabridge.formats.registry;

/** The kinds of schema a Schema Registry holds, by their REST API name. */
public enum SchemaType {
    /** Apache Avro; the registry's default, sent without a {@code schemaType}. */
    AVRO,
    /** Protocol Buffers, as {@code .proto} text. */
    PROTOBUF,
    /** JSON Schema. */
    JSON;

    /** The type named {@code name} in a registry response; null or absent means Avro. */
    static SchemaType fromRestName(@javax.annotation.Nullable String name) {
        if (name == null || name.isEmpty()) {
            return AVRO;
        }
        for (SchemaType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown schema type '" + name + "'");
    }
}
