package io.github.flinkkafkabridge.formats.registry;

import java.util.Objects;

/** A schema as the registry stores it: its type and its text. Immutable. */
public final class RegistrySchema {

    private final SchemaType type;
    private final String text;

    /**
     * @param type the schema type
     * @param text the schema text: Avro JSON, {@code .proto} source or JSON Schema
     */
    public RegistrySchema(SchemaType type, String text) {
        this.type = Objects.requireNonNull(type, "type");
        this.text = Objects.requireNonNull(text, "text");
    }

    public SchemaType type() {
        return type;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrySchema
                && type == ((RegistrySchema) o).type
                && text.equals(((RegistrySchema) o).text);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + text.hashCode();
    }

    @Override
    public String toString() {
        return type + " schema (" + text.length() + " chars)";
    }
}
