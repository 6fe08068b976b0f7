package io.github.flinkkafkabridge.examples.customschema;

/**
 * A temperature reading: the application's own type, which Flink handles as a POJO.
 *
 * @param sensorId the sensor, also the Kafka key
 * @param celsius the temperature in degrees Celsius
 * @param timestamp when it was measured, epoch milliseconds (the Kafka record timestamp)
 */
public record SensorReading(String sensorId, double celsius, long timestamp) {}
