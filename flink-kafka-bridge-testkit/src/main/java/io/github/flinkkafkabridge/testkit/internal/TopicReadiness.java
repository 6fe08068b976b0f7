package io.github.flinkkafkabridge.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the partitions of a new or grown topic accept writes. Stateless; the caller's Admin
 * client does the work on the caller's thread.
 *
 * <p>Why {@code ListOffsets}: right after a topic is created, {@code describeTopics} can already
 * report a leader for a partition that does not accept writes yet. An idempotent producer that
 * writes then loses its first batch and retries with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its
 * delivery timeout (seen for about one new topic in six on a loaded 2-core machine). Once {@code
 * ListOffsets} answers for every partition, the leader has loaded it and the race is gone.
 */
final class TopicReadiness {

    private static final int PARTITIONS_LISTED_IN_ERRORS = 5;

    private TopicReadiness() {}

    /**
     * Waits until {@code ListOffsets} answers for partitions {@code 0 .. partitions-1}: then the
     * leader has loaded each partition and accepts writes, idempotent ones included.
     */
    public static void awaitWritable(
            Admin admin, String clusterName, String topic, int partitions, Deadline deadline) {
        awaitLeaders(admin, clusterName, topic, partitions, deadline);
        awaitListOffsets(admin, clusterName, topic, partitions, deadline);
    }

    /**
     * Waits until the metadata shows a leader for partitions {@code 0 .. partitions-1}. Not enough
     * on its own (see the class comment), but asking for offsets of a topic the metadata does not
     * know yet makes the Admin client log an ERROR for a normal situation; this avoids that.
     */
    private static void awaitLeaders(
            Admin admin, String clusterName, String topic, int partitions, Deadline deadline) {
        String lastProblem = "no answer yet";
        while (true) {
            try {
                TopicDescription description =
                        admin.describeTopics(
                                        List.of(topic),
                                        new DescribeTopicsOptions()
                                                .timeoutMs(Polling.remainingProbeMillis(deadline)))
                                .allTopicNames()
                                .get(
                                        deadline.remaining().plus(Polling.MAX_PROBE).toMillis(),
                                        TimeUnit.MILLISECONDS)
                                .get(topic);
                long withLeader =
                        description.partitions().stream()
                                .filter(p -> p.partition() < partitions)
                                .filter(p -> p.leader() != null && !p.leader().isEmpty())
                                .count();
                if (withLeader == partitions) {
                    return;
                }
                lastProblem =
                        "the metadata shows "
                                + description.partitions().size()
                                + " partition(s), "
                                + withLeader
                                + " of the first "
                                + partitions
                                + " with a leader";
            } catch (ExecutionException e) {
                Throwable cause = Exceptions.unwrap(e);
                if (!Polling.isRetriable(cause)) {
                    throw new IllegalStateException(
                            "Could not describe topic '"
                                    + topic
                                    + "' on "
                                    + clusterName
                                    + ": "
                                    + Exceptions.describe(cause),
                            cause);
                }
                lastProblem = Exceptions.describe(cause);
            } catch (TimeoutException e) {
                lastProblem = "no answer to describeTopics";
            } catch (InterruptedException e) {
                throw Polling.interrupted("waiting for topic '" + topic + "' to have leaders", e);
            }
            if (!deadline.hasTimeLeft()) {
                throw new IllegalStateException(
                        "Topic '"
                                + topic
                                + "' did not become ready for writes within "
                                + deadline.describeTimeout()
                                + " on "
                                + clusterName
                                + ": "
                                + lastProblem);
            }
            Polling.pause(deadline, "topic '" + topic + "' to have leaders");
        }
    }

    private static void awaitListOffsets(
            Admin admin, String clusterName, String topic, int partitions, Deadline deadline) {
        Map<TopicPartition, String> pending = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            pending.put(new TopicPartition(topic, p), "no answer yet");
        }
        while (true) {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            pending.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, KafkaFuture<?>> results = new LinkedHashMap<>();
            ListOffsetsResult call =
                    admin.listOffsets(
                            request,
                            new ListOffsetsOptions()
                                    .timeoutMs(Polling.remainingProbeMillis(deadline)));
            request.keySet().forEach(tp -> results.put(tp, call.partitionResult(tp)));
            for (Map.Entry<TopicPartition, KafkaFuture<?>> entry : results.entrySet()) {
                TopicPartition tp = entry.getKey();
                try {
                    entry.getValue()
                            .get(
                                    deadline.remaining().plus(Polling.MAX_PROBE).toMillis(),
                                    TimeUnit.MILLISECONDS);
                    pending.remove(tp);
                } catch (ExecutionException e) {
                    Throwable cause = Exceptions.unwrap(e);
                    if (!Polling.isRetriable(cause)) {
                        throw new IllegalStateException(
                                "Topic '"
                                        + topic
                                        + "' is not usable on "
                                        + clusterName
                                        + ": partition "
                                        + tp
                                        + " answers "
                                        + Exceptions.describe(cause),
                                cause);
                    }
                    pending.put(tp, Exceptions.describe(cause));
                } catch (TimeoutException e) {
                    pending.put(tp, "no answer to ListOffsets");
                } catch (InterruptedException e) {
                    throw Polling.interrupted(
                            "waiting for topic '" + topic + "' to accept writes", e);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (!deadline.hasTimeLeft()) {
                throw new IllegalStateException(
                        "Topic '"
                                + topic
                                + "' did not become ready for writes within "
                                + deadline.describeTimeout()
                                + " on "
                                + clusterName
                                + ": "
                                + describePending(pending));
            }
            Polling.pause(deadline, "topic '" + topic + "' to accept writes");
        }
    }

    private static String describePending(Map<TopicPartition, String> pending) {
        List<String> parts = new ArrayList<>();
        pending.entrySet().stream()
                .limit(PARTITIONS_LISTED_IN_ERRORS)
                .forEach(
                        e ->
                                parts.add(
                                        "partition "
                                                + e.getKey()
                                                + " still answers "
                                                + e.getValue()));
        String text = String.join("; ", parts);
        int more = pending.size() - parts.size();
        return more > 0 ? text + "; and " + more + " more partition(s)" : text;
    }
}
