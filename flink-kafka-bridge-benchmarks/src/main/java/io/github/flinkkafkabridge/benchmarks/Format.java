package io.github.flinkkafkabridge.benchmarks;

/** How a source turns the record value into an element. */
enum Format {
    /** The value bytes as they are. */
    BYTES("raw-bytes"),
    /** A UTF-8 string. */
    STRING("utf8-string"),
    /** JSON to a POJO with Jackson. */
    JSON("json-pojo");

    final String label;

    Format(String label) {
        this.label = label;
    }
}
