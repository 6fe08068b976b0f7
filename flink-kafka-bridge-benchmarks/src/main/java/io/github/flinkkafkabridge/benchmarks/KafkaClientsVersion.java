package io.github.flinkkafkabridge.benchmarks;

import org.apache.kafka.clients.producer.KafkaProducer;

/** The kafka-clients version on this JVM's classpath, from the jar it was loaded from. */
final class KafkaClientsVersion {

    private KafkaClientsVersion() {}

    static String get() {
        try {
            String jar =
                    KafkaProducer.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .getPath();
            String name = jar.substring(jar.lastIndexOf('/') + 1);
            return name.replace("kafka-clients-", "").replace(".jar", "");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
