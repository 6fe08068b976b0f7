package io.github.flinkkafkabridge.examples.classic;

import io.github.flinkkafkabridge.examples.EmbeddedDefaults;
import io.github.flinkkafkabridge.examples.ExampleArgs;
import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.KafkaBridgeSink;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The classic producer job: writes "hello" and "world" to a topic, acknowledged by Kafka before the
 * job finishes (at least once). With no {@code --bootstrap-servers}, it starts an in-process
 * broker; {@link WordTupleJob} reads what it writes.
 */
public final class HelloWorldJob {

    private static final String USAGE =
            "  --bootstrap-servers host:port  Kafka cluster (default: start one in-process)\n"
                    + "  --topic name                   topic to write (default: hello-world)\n"
                    + "  --times n                      how often to write the pair (default: 1)";

    private HelloWorldJob() {}

    public static void main(String[] args) throws Exception {
        ExampleArgs options =
                ExampleArgs.parse(args, USAGE, List.of("bootstrap-servers", "topic", "times"));
        if (options.helpRequested()) {
            System.out.println("HelloWorldJob options:\n" + options.usage());
            return;
        }
        String topic = options.get("topic", "hello-world");
        String servers = options.get("bootstrap-servers");
        try (EmbeddedDefaults embedded = servers == null ? EmbeddedDefaults.start() : null) {
            if (embedded != null) {
                servers = embedded.bootstrapServers();
                embedded.createTopics(topic);
            }
            int times = options.getInt("times", 1);
            write(servers, topic, times);
            System.out.println("Wrote " + 2 * times + " records to topic " + topic);
        }
    }

    /** Runs a job that writes "hello" and "world" {@code times} times each to {@code topic}. */
    static void write(String bootstrapServers, String topic, int times) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        // [START classic-producer]
        KafkaBridgeSink<String> sink =
                KafkaBridgeSink.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(KafkaRecordSerializer.utf8String(topic))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        env.fromSequence(1, times)
                .flatMap(
                        (Long i, org.apache.flink.util.Collector<String> out) -> {
                            out.collect("hello");
                            out.collect("world");
                        })
                .returns(String.class)
                .sinkTo(sink);
        // [END classic-producer]
        env.execute("hello world to " + topic);
    }
}
