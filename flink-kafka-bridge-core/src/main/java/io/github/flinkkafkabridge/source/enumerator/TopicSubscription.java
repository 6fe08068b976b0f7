package io.github.flinkkafkabridge.source.enumerator;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * What the source reads: a list of topics, the topics matching a pattern, or a fixed set of
 * partitions. Asked again at every partition discovery, so topics and partitions that appear later
 * are found.
 */
public abstract class TopicSubscription implements Serializable {

    private static final long serialVersionUID = 1L;

    private TopicSubscription() {}

    /** Every partition of the named topics. */
    public static TopicSubscription topics(List<String> topics) {
        return new TopicList(topics);
    }

    /** Every partition of every topic whose whole name matches {@code pattern}. */
    public static TopicSubscription pattern(Pattern pattern) {
        return new TopicPattern(pattern);
    }

    /** Exactly the given partitions. */
    public static TopicSubscription partitions(Set<TopicPartition> partitions) {
        return new PartitionSet(partitions);
    }

    /** Finds the partitions to read now, and what was asked for but does not exist. */
    public abstract Discovery discover(KafkaMetadata metadata);

    /** For messages: what was subscribed, e.g. {@code topics [orders, payments]}. */
    public abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    /** The result of one discovery. */
    public static final class Discovery {
        private final Set<TopicPartition> partitions;
        private final Set<String> missing;

        Discovery(Set<TopicPartition> partitions, Set<String> missing) {
            this.partitions = Collections.unmodifiableSet(partitions);
            this.missing = Collections.unmodifiableSet(new TreeSet<>(missing));
        }

        /** The partitions that exist now. */
        public Set<TopicPartition> partitions() {
            return partitions;
        }

        /**
         * Topics or partitions that were asked for by name but do not exist (sorted); for a
         * pattern, the pattern itself when it matches nothing.
         */
        public Set<String> missing() {
            return missing;
        }
    }

    private static Set<TopicPartition> allPartitions(Map<String, Integer> counts) {
        Set<TopicPartition> partitions = new HashSet<>();
        counts.forEach(
                (topic, count) -> {
                    for (int p = 0; p < count; p++) {
                        partitions.add(new TopicPartition(topic, p));
                    }
                });
        return partitions;
    }

    private static final class TopicList extends TopicSubscription {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> topics;

        TopicList(List<String> topics) {
            this.topics = new ArrayList<>(topics);
        }

        @Override
        public Discovery discover(KafkaMetadata metadata) {
            Map<String, Integer> counts = metadata.partitionCounts(new HashSet<>(topics));
            Set<String> missing = new HashSet<>(topics);
            missing.removeAll(counts.keySet());
            return new Discovery(allPartitions(counts), missing);
        }

        @Override
        public String describe() {
            return "topics " + topics;
        }
    }

    private static final class TopicPattern extends TopicSubscription {
        private static final long serialVersionUID = 1L;
        private final Pattern pattern;

        TopicPattern(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public Discovery discover(KafkaMetadata metadata) {
            Set<String> matching = new HashSet<>();
            for (String topic : metadata.listTopics()) {
                if (pattern.matcher(topic).matches()) {
                    matching.add(topic);
                }
            }
            if (matching.isEmpty()) {
                return new Discovery(Set.of(), Set.of("pattern '" + pattern.pattern() + "'"));
            }
            return new Discovery(allPartitions(metadata.partitionCounts(matching)), Set.of());
        }

        @Override
        public String describe() {
            return "topic pattern '" + pattern.pattern() + "'";
        }
    }

    private static final class PartitionSet extends TopicSubscription {
        private static final long serialVersionUID = 1L;
        private final HashSet<TopicPartition> partitions;

        PartitionSet(Set<TopicPartition> partitions) {
            this.partitions = new HashSet<>(partitions);
        }

        @Override
        public Discovery discover(KafkaMetadata metadata) {
            Set<String> topics = new HashSet<>();
            partitions.forEach(p -> topics.add(p.topic()));
            Map<String, Integer> counts = metadata.partitionCounts(topics);
            Set<TopicPartition> existing = new HashSet<>();
            Set<String> missing = new HashSet<>();
            for (TopicPartition p : partitions) {
                Integer count = counts.get(p.topic());
                if (count != null && p.partition() < count) {
                    existing.add(p);
                } else {
                    missing.add(p.toString());
                }
            }
            return new Discovery(existing, missing);
        }

        @Override
        public String describe() {
            return "partitions " + new TreeSet<>(partitions.stream().map(String::valueOf).toList());
        }
    }
}
