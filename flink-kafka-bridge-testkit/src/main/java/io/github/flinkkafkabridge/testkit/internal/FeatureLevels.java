package io.github.flinkkafkabridge.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeFeaturesOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;

/**
 * Finalized feature levels ({@code transaction.version}, {@code group.version}, ...): checks a
 * requested level, turns requested levels into storage-formatter arguments ({@code kafka-storage
 * format --feature name=level}) and reads the levels a running cluster has finalized. Stateless.
 *
 * <p>A cluster does not list a feature finalized at level 0, and a broker older than a feature does
 * not know it; both behave as level 0, so a missing feature reads as 0 here.
 */
public final class FeatureLevels {

    /** Highest level a feature can have: levels are Kafka {@code short}s. */
    public static final int MAX_LEVEL = Short.MAX_VALUE;

    private FeatureLevels() {}

    /**
     * Checks a requested feature level.
     *
     * @throws NullPointerException if the name is null
     * @throws IllegalArgumentException if the name is blank or the level is outside 0..{@value
     *     #MAX_LEVEL}; the message names the feature and the level
     */
    public static void check(String feature, int level) {
        Objects.requireNonNull(feature, "feature name must not be null");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException(
                    "Level "
                            + level
                            + " of feature '"
                            + feature
                            + "' is out of range: feature levels go from 0 to "
                            + MAX_LEVEL);
        }
    }

    /** The storage formatter's arguments for the levels: {@code --feature name=level} each. */
    public static List<String> formatterArguments(Map<String, Integer> levels) {
        List<String> args = new ArrayList<>();
        new TreeMap<>(levels)
                .forEach(
                        (feature, level) -> {
                            args.add("--feature");
                            args.add(feature + "=" + level);
                        });
        return args;
    }

    /**
     * The levels the cluster has finalized, by feature name, as {@code Admin#describeFeatures}
     * reports them (features at level 0 are not listed).
     *
     * @param clusterName how an error message names the cluster
     * @throws IllegalStateException if the cluster does not answer within {@code timeout}
     */
    public static Map<String, Integer> finalized(
            Admin admin, Duration timeout, String clusterName) {
        try {
            Map<String, FinalizedVersionRange> finalized =
                    admin.describeFeatures(
                                    new DescribeFeaturesOptions()
                                            .timeoutMs((int) Math.max(1, timeout.toMillis())))
                            .featureMetadata()
                            .get(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS)
                            .finalizedFeatures();
            Map<String, Integer> levels = new TreeMap<>();
            finalized.forEach(
                    (feature, range) -> levels.put(feature, (int) range.maxVersionLevel()));
            return Collections.unmodifiableMap(levels);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not describe the finalized features of the Kafka cluster at "
                            + clusterName
                            + ": "
                            + Exceptions.describe(e),
                    Exceptions.unwrap(e));
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "The Kafka cluster at "
                            + clusterName
                            + " did not describe its finalized features within "
                            + timeout.toMillis()
                            + " ms",
                    e);
        } catch (InterruptedException e) {
            throw Polling.interrupted("describing the features of " + clusterName, e);
        }
    }

    /** The finalized level of one feature: 0 when the cluster does not list it. */
    public static int levelOf(Map<String, Integer> finalized, String feature) {
        return finalized.getOrDefault(feature, 0);
    }

    /**
     * The requested levels the cluster does not run, one line each, such as {@code
     * "transaction.version: requested 0, finalized 2"}; empty when all match.
     */
    public static List<String> mismatches(
            Map<String, Integer> requested, Map<String, Integer> finalized) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(requested)
                .forEach(
                        (feature, level) -> {
                            int actual = levelOf(finalized, feature);
                            if (actual != level) {
                                problems.add(
                                        feature + ": requested " + level + ", finalized " + actual);
                            }
                        });
        return problems;
    }
}
