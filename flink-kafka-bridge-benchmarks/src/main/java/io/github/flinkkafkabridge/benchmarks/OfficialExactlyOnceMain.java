package io.github.flinkkafkabridge.benchmarks;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The official connector's exactly-once sink, run by the harness in a second JVM whose classpath
 * has kafka-clients 4.2.x: with 4.3 and later clients that sink fails at its first checkpoint
 * ({@code NoSuchMethodError} on a kafka-clients internal class). Writes to topics the harness
 * created, prints one {@code RESULT <topic> <nanos> <peakHeapMiB>} line per run.
 *
 * <p>Arguments: bootstrap servers, records, parallelism, then the topics, one per run.
 */
public final class OfficialExactlyOnceMain {

    private OfficialExactlyOnceMain() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Flink and Kafka leave non-daemon threads behind after close.
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        String servers = args[0];
        long records = Long.parseLong(args[1]);
        int parallelism = Integer.parseInt(args[2]);
        System.out.println("CLIENTS " + KafkaClientsVersion.get());
        try (LocalFlink flink = LocalFlink.start()) {
            for (int i = 3; i < args.length; i++) {
                String topic = args[i];
                StreamExecutionEnvironment env = LocalFlink.environment(parallelism);
                env.enableCheckpointing(SinkBench.CHECKPOINT_MILLIS);
                OfficialSinks.generated(env, records)
                        .sinkTo(
                                OfficialSinks.sink(
                                        servers,
                                        topic,
                                        DeliveryGuarantee.EXACTLY_ONCE,
                                        "bench-official-eos-" + topic))
                        .name("official-sink");
                HeapPeak.reset();
                long nanos = flink.runToEnd(env, "sink-official-exactly_once-" + topic);
                System.out.println("RESULT " + topic + " " + nanos + " " + HeapPeak.peakMib());
            }
        }
    }
}
