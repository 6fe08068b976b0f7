package io.github.flinkkafkabridge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class BatchSizingTest {

    private final List<Properties> adminProperties = new ArrayList<>();

    /** Admins answering with the given max.message.bytes per topic. */
    private Function<Properties, Admin> admins(Map<String, String> limits) {
        Map<ConfigResource, Config> configs = new HashMap<>();
        limits.forEach(
                (topic, limit) ->
                        configs.put(
                                new ConfigResource(ConfigResource.Type.TOPIC, topic),
                                new Config(List.of(new ConfigEntry("max.message.bytes", limit)))));
        return answering(KafkaFuture.completedFuture(configs));
    }

    /** Admins whose topic configs are {@code configs}. */
    private Function<Properties, Admin> answering(
            KafkaFuture<Map<ConfigResource, Config>> configs) {
        return props -> {
            adminProperties.add(props);
            Admin admin = mock(Admin.class);
            DescribeConfigsResult result = mock(DescribeConfigsResult.class);
            when(admin.describeConfigs(any(Collection.class))).thenReturn(result);
            when(result.all()).thenReturn(configs);
            return admin;
        };
    }

    private static Properties servers() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "kafka:9092");
        return props;
    }

    @Test
    void topicsAllowingLargeBatchesGetThemWithAShortLinger() {
        Properties chosen =
                BatchSizing.choose(
                        servers(),
                        Set.of("a", "b"),
                        admins(Map.of("a", "1048588", "b", "8000000")),
                        "batching-0",
                        "writer 0");

        assertThat(chosen.getProperty("batch.size")).isEqualTo("131072");
        assertThat(chosen.getProperty("linger.ms")).isEqualTo("1");
        assertThat(adminProperties.get(0).getProperty("client.id")).isEqualTo("batching-0");
    }

    @Test
    void theSmallestTopicLimitCapsTheBatchSize() {
        Properties chosen =
                BatchSizing.choose(
                        servers(),
                        Set.of("big", "small"),
                        admins(Map.of("big", "1048588", "small", "10000")),
                        "batching-0",
                        "writer 0");

        assertThat(chosen.getProperty("batch.size")).isEqualTo("10000");
        assertThat(BatchSizing.batchSizeFor(10_000)).isEqualTo(10_000);
        assertThat(BatchSizing.batchSizeFor(Integer.MAX_VALUE)).isEqualTo(131_072);
    }

    @Test
    void batchingTheUserChoseOrUnknownTopicsKeepKafkasDefaultsWithoutAskingTheBrokers() {
        Properties user = servers();
        user.setProperty("linger.ms", "20");

        assertThat(BatchSizing.choose(user, Set.of("a"), admins(Map.of()), "c", "w"))
                .isSameAs(user);
        assertThat(BatchSizing.choose(servers(), Set.of(), admins(Map.of()), "c", "w"))
                .doesNotContainKeys("batch.size", "linger.ms");
        assertThat(adminProperties).isEmpty();
    }

    @Test
    void limitsThatCannotBeReadKeepKafkasDefaults() {
        Function<Properties, Admin> denied =
                answering(
                        KafkaFuture.<Map<ConfigResource, Config>>completedFuture(null)
                                .thenApply(
                                        x -> {
                                            throw new TopicAuthorizationException("denied");
                                        }));

        Properties chosen = BatchSizing.choose(servers(), Set.of("a"), denied, "c", "w");

        assertThat(chosen).doesNotContainKeys("batch.size", "linger.ms");
        assertThat(
                        BatchSizing.choose(
                                servers(),
                                Set.of("a", "missing"),
                                admins(Map.of("a", "1048588")),
                                "c",
                                "w"))
                .as("a topic without a known limit")
                .doesNotContainKeys("batch.size", "linger.ms");
    }
}
