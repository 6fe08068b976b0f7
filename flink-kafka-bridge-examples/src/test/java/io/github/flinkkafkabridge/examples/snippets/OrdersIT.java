package io.github.flinkkafkabridge.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinkkafkabridge.testkit.KafkaClusterExtension;
import io.github.flinkkafkabridge.testkit.KafkaTestRecords;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The example of KafkaClusterExtension's javadoc, as a whole test class.
// [START kafka-cluster-extension]
class OrdersIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA =
            new KafkaClusterExtension().withBrokerProperty("transaction.max.timeout.ms", "60000");

    @Test
    void readsBackWhatItWrote() {
        String topic = KAFKA.createTopic("orders", 4);
        KafkaTestRecords.produceStrings(KAFKA.cluster(), topic, List.of("a", "b"));

        List<String> read =
                KafkaTestRecords.consumeStrings(KAFKA.cluster(), topic, 2, Duration.ofSeconds(30));
        assertThat(read).containsExactlyInAnyOrder("a", "b");
    }
}
// [END kafka-cluster-extension]
