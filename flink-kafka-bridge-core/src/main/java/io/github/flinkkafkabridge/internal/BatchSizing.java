package io.github.flinkkafkabridge.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the producer batching of a writer whose topics are known: large batches ({@value
 * #LARGE_BATCH_BYTES} bytes, {@code linger.ms} {@value #LARGE_BATCH_LINGER_MS}) where every topic
 * allows them, batches as large as the smallest topic limit otherwise, and Kafka's defaults when
 * the topics or their limits are unknown.
 *
 * <p>A batch above a topic's {@code max.message.bytes} is rejected by the broker, and the producer
 * splits and resends it, which costs a round trip per split (a write of 5,000 small records to a
 * topic allowing 20,000-byte batches took 1.5 s instead of 0.3 s with 128 KiB batches). Batching
 * the user configured ({@code batch.size} or {@code linger.ms}) is never changed.
 */
public final class BatchSizing {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSizing.class);

    /** The batch size used when every topic allows it: 8 times Kafka's default. */
    public static final int LARGE_BATCH_BYTES = 128 * 1024;

    /**
     * The {@code linger.ms} that goes with large batches: short waits when the sink is not busy.
     */
    public static final int LARGE_BATCH_LINGER_MS = 1;

    /** How long the topic limits may take to read before Kafka's defaults are kept. */
    static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private BatchSizing() {}

    /**
     * The batch size for topics whose smallest {@code max.message.bytes} is {@code smallestLimit}:
     * {@link #LARGE_BATCH_BYTES}, or the limit when it is smaller.
     */
    static int batchSizeFor(int smallestLimit) {
        return Math.max(1, Math.min(LARGE_BATCH_BYTES, smallestLimit));
    }

    /**
     * Returns {@code user} with {@code batch.size} and {@code linger.ms} chosen for {@code topics},
     * or {@code user} itself when the user set either, no topic is known, or the limits cannot be
     * read (then Kafka's defaults apply).
     *
     * @param admins creates an admin client from admin properties
     * @param clientId the admin client's id
     * @param description the writer, for the log
     */
    public static Properties choose(
            Properties user,
            Set<String> topics,
            Function<Properties, Admin> admins,
            String clientId,
            String description) {
        if (user.getProperty(ProducerConfig.BATCH_SIZE_CONFIG) != null
                || user.getProperty(ProducerConfig.LINGER_MS_CONFIG) != null
                || topics.isEmpty()) {
            return user;
        }
        OptionalInt limit = smallestLimit(user, topics, admins, clientId, description);
        if (limit.isEmpty()) {
            return user;
        }
        int batchSize = batchSizeFor(limit.getAsInt());
        Properties chosen = ClientProperties.copyOf(user);
        chosen.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize));
        chosen.setProperty(
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LARGE_BATCH_LINGER_MS));
        LOG.info(
                "{} uses batch.size={} and linger.ms={}: topics {} allow batches of up to {} bytes"
                        + " (max.message.bytes); set batch.size or linger.ms to choose otherwise",
                description,
                batchSize,
                LARGE_BATCH_LINGER_MS,
                topics,
                limit.getAsInt());
        return chosen;
    }

    private static OptionalInt smallestLimit(
            Properties user,
            Set<String> topics,
            Function<Properties, Admin> admins,
            String clientId,
            String description) {
        List<ConfigResource> resources = new ArrayList<>();
        for (String topic : topics) {
            resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
        }
        Admin admin = null;
        try {
            admin = admins.apply(ProducerProperties.admin(user, clientId));
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(resources)
                            .all()
                            .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int smallest = Integer.MAX_VALUE;
            for (ConfigResource resource : resources) {
                Config config = configs.get(resource);
                ConfigEntry entry =
                        config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry == null || entry.value() == null) {
                    return keepDefaults(description, "no max.message.bytes for " + resource.name());
                }
                smallest = Math.min(smallest, Integer.parseInt(entry.value().trim()));
            }
            return OptionalInt.of(smallest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return keepDefaults(description, "interrupted");
        } catch (Exception e) {
            return keepDefaults(description, e.toString());
        } finally {
            if (admin != null) {
                // Do not wait for a lookup that timed out.
                admin.close(Duration.ZERO);
            }
        }
    }

    private static OptionalInt keepDefaults(String description, String why) {
        LOG.info(
                "{} keeps Kafka's batching defaults: the topics' max.message.bytes could not be"
                        + " read ({})",
                description,
                why);
        return OptionalInt.empty();
    }
}
