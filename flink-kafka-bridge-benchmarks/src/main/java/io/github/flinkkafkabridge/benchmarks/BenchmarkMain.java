package io.github.flinkkafkabridge.benchmarks;

/**
 * Runs the benchmark suite: {@code BenchmarkMain [smoke|full] [--option value ...]}; see {@link
 * BenchOptions} for the options. Results go to {@code target/bench-results} unless {@code --out}
 * says otherwise.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new BenchmarkSuite(options).run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Flink and Kafka leave non-daemon threads behind after close.
        System.exit(0);
    }
}
