package io.github.flinkkafkabridge.examples.snippets;

/**
 * An order: the element type of the serde and JSON examples.
 *
 * @param id the order's id, written as the Kafka key
 * @param customer who placed it
 * @param amount what it costs
 */
public record Order(String id, String customer, double amount) {

    /** The order as one line of comma-separated values: id, customer, amount. */
    public String toCsv() {
        return id + "," + customer + "," + amount;
    }
}
