package io.github.flinkkafkabridge.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * One Flink MiniCluster shared by every job of a run, so a job's time covers submission,
 * scheduling, deployment, split discovery and the work, but not the cluster's own start. Owned by
 * the harness's main thread.
 */
final class LocalFlink implements AutoCloseable {

    private static final int SLOTS = 8;

    private final MiniCluster cluster;

    private LocalFlink(MiniCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a cluster bound to 127.0.0.1 with enough slots for the harness's jobs. */
    static LocalFlink start() throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(configuration())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(SLOTS)
                                .build());
        cluster.start();
        return new LocalFlink(cluster);
    }

    /** Settings for the cluster and for environments that build job graphs. */
    static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        // Any free port: the official exactly-once comparison runs a second cluster at the same
        // time.
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        return conf;
    }

    /** A fresh environment to build one job in. */
    static StreamExecutionEnvironment environment(int parallelism) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        env.setParallelism(parallelism);
        return env;
    }

    /** Runs a bounded job to its end and returns its wall time in nanoseconds. */
    long runToEnd(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        graph.setJobId(new JobID());
        long start = System.nanoTime();
        JobID id = cluster.submitJob(graph).get().getJobID();
        JobResult result = cluster.requestJobResult(id).get();
        long elapsed = System.nanoTime() - start;
        if (result.getSerializedThrowable().isPresent()) {
            throw new IllegalStateException(
                    "Job " + name + " failed",
                    result.getSerializedThrowable()
                            .get()
                            .deserializeError(LocalFlink.class.getClassLoader()));
        }
        return elapsed;
    }

    /** Submits an unbounded job and waits until all its tasks run. */
    JobID startUnbounded(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        graph.setJobId(new JobID());
        JobID id = cluster.submitJob(graph).get().getJobID();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cluster.getJobStatus(id).get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline || cluster.getJobStatus(id).get().isTerminalState()) {
                throw new IllegalStateException("Job " + name + " did not start");
            }
            Thread.sleep(20);
        }
        return id;
    }

    /** Cancels a job and waits until it is gone. */
    void cancel(JobID id) throws Exception {
        cluster.cancelJob(id).get(60, TimeUnit.SECONDS);
        cluster.requestJobResult(id).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
