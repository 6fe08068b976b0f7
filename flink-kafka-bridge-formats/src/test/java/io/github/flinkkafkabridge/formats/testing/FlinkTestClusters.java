package io.github.flinkkafkabridge.formats.testing;

import java.time.Duration;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Flink MiniCluster and environments for integration tests, bound to the loopback address. */
public final class FlinkTestClusters {

    private FlinkTestClusters() {}

    /** One TaskManager with {@code slots} slots, listening on 127.0.0.1 only. */
    public static MiniClusterExtension miniCluster(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(loopbackConfiguration())
                        .build());
    }

    /** Configuration that keeps every Flink endpoint on the loopback interface. */
    public static Configuration loopbackConfiguration() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        return conf;
    }

    /**
     * An environment on the test's MiniCluster.
     *
     * @param checkpointInterval null for no checkpointing
     * @param restartAttempts 0 to fail the job at the first failure; a bounded number otherwise, so
     *     a bug fails the test instead of restarting forever
     */
    public static StreamExecutionEnvironment environment(
            int parallelism, @Nullable Duration checkpointInterval, int restartAttempts) {
        Configuration conf = new Configuration();
        if (restartAttempts == 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(100));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        if (checkpointInterval != null) {
            env.enableCheckpointing(checkpointInterval.toMillis());
        }
        return env;
    }
}
