package io.github.flinkkafkabridge.benchmarks;

/** Who moves the records in a measurement. */
public enum Contender {
    /** This library: {@code KafkaBridgeSource} / {@code KafkaBridgeSink}. */
    BRIDGE("bridge"),
    /** {@code org.apache.flink:flink-connector-kafka}: {@code KafkaSource} / {@code KafkaSink}. */
    OFFICIAL("official"),
    /** Plain {@code KafkaConsumer} / {@code KafkaProducer} threads, no Flink: the ceiling. */
    RAW("raw-clients");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    /** The name used in the CSV, the plots and the summary. */
    public String label() {
        return label;
    }
}
