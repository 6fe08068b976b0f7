package io.github.flinkkafkabridge.formats.testing;

/** A Java record for the JSON tests. */
public record Payment(String id, long cents, boolean refunded) {}
