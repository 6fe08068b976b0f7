package io.github.flinkkafkabridge.formats.testing;

import java.util.List;
import java.util.Objects;

/** A mutable POJO for the JSON and Avro reflect tests. */
public class Order {
    public long id;
    public String customer;
    public double amount;
    public List<String> tags;

    public Order() {}

    public Order(long id, String customer, double amount, List<String> tags) {
        this.id = id;
        this.customer = customer;
        this.amount = amount;
        this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order
                && id == ((Order) o).id
                && Objects.equals(customer, ((Order) o).customer)
                && amount == ((Order) o).amount
                && Objects.equals(tags, ((Order) o).tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, customer, amount, tags);
    }

    @Override
    public String toString() {
        return "Order{" + id + ", " + customer + ", " + amount + ", " + tags + "}";
    }
}
