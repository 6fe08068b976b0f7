package io.github.flinkkafkabridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.flinkkafkabridge.testkit.internal.PortAllocator;
import io.github.flinkkafkabridge.testkit.internal.TopicNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.TransactionVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaClusterIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** Shared by the tests that need a cluster but not a fresh one. */
    private static EmbeddedKafkaCluster kafka;

    @BeforeAll
    static void startCluster() {
        kafka = EmbeddedKafkaCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        kafka.close();
    }

    @Test
    void startsOnLoopbackAndCloseRemovesItsDirectory() throws Exception {
        long startNanos = System.nanoTime();
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start();
        Duration startTime = Duration.ofNanos(System.nanoTime() - startNanos);
        Path directory = cluster.directory();
        try (Admin admin = cluster.createAdmin()) {
            assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(cluster.clientProperties())
                    .containsEntry("bootstrap.servers", cluster.bootstrapServers());
            Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            assertThat(nodes).hasSize(1);
            assertThat(nodes.iterator().next().host()).isEqualTo("127.0.0.1");
            assertThat(directory.getFileName().toString()).startsWith("embedded-kafka-");
            assertThat(directory.getParent())
                    .isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(directory.resolve("data/meta.properties")).exists();
        }

        long closeNanos = System.nanoTime();
        cluster.close();
        Duration closeTime = Duration.ofNanos(System.nanoTime() - closeNanos);

        assertThat(directory).doesNotExist();
        assertThat(cluster.isClosed()).isTrue();
        cluster.close(); // idempotent
        assertThatThrownBy(() -> cluster.createTopic("after-close", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining(cluster.bootstrapServers());
        System.out.printf(
                "Embedded Kafka started in %d ms and closed in %d ms%n",
                startTime.toMillis(), closeTime.toMillis());
        assertThat(startTime).isLessThan(Duration.ofSeconds(60));
        assertThat(closeTime).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void newTopicsTakeIdempotentWritesAtOnce() throws Exception {
        // Right after CreateTopics a partition can report a leader before it accepts writes; an
        // idempotent producer that already runs then loses its first batch and retries with
        // OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout. Without the wait in createTopic
        // this failed for about one new topic in six on a 2-core machine.
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        List<String> topics = new ArrayList<>();
        try (Admin admin = kafka.createAdmin();
                KafkaProducer<String, String> producer =
                        new KafkaProducer<>(
                                props, new StringSerializer(), new StringSerializer())) {
            for (int round = 0; round < 25; round++) {
                String topic = TopicNames.unique("fresh");
                topics.add(topic);
                kafka.createTopic(topic, 4);

                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, i % 4, "k" + i, "v" + i)));
                }
                for (Future<RecordMetadata> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }

                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 4; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                assertThat(admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values())
                        .as("end offsets of %s", topic)
                        .allSatisfy(info -> assertThat(info.offset()).isEqualTo(5L));
            }
        }

        String last = topics.get(topics.size() - 1);
        List<ConsumerRecord<byte[], byte[]>> read =
                KafkaTestRecords.consume(kafka, last, 20, READ_TIMEOUT);
        assertThat(read).hasSize(20);
        for (ConsumerRecord<byte[], byte[]> record : read) {
            int index = Integer.parseInt(string(record.key()).substring(1));
            assertThat(record.partition()).isEqualTo(index % 4);
            assertThat(string(record.value())).isEqualTo("v" + index);
            assertThat(record.offset()).isEqualTo(index / 4);
        }
    }

    @Test
    void addPartitionsThenWriteToTheNewOnes() throws Exception {
        String topic = TopicNames.unique("grow");
        kafka.createTopic(topic, 2);
        KafkaTestRecords.produceStrings(kafka, topic, List.of("a", "b"));

        kafka.addPartitions(topic, 5);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 2; p < 5; p++) {
            records.add(new ProducerRecord<>(topic, p, null, bytes("new-" + p)));
        }
        KafkaTestRecords.produce(kafka, records);
        List<ConsumerRecord<byte[], byte[]>> read =
                KafkaTestRecords.consume(kafka, topic, 5, READ_TIMEOUT);
        assertThat(read)
                .extracting(r -> r.partition() + "=" + string(r.value()))
                .containsExactlyInAnyOrder("0=a", "1=b", "2=new-2", "3=new-3", "4=new-4");
        try (Admin admin = kafka.createAdmin()) {
            assertThat(
                            admin.describeTopics(List.of(topic))
                                    .allTopicNames()
                                    .get(30, TimeUnit.SECONDS)
                                    .get(topic)
                                    .partitions())
                    .hasSize(5);
        }
    }

    @Test
    void topicConfigsAreApplied() throws Exception {
        String topic = TopicNames.unique("compacted");
        kafka.createTopic(topic, 1, Map.of("cleanup.policy", "compact", "retention.ms", "60000"));

        try (Admin admin = kafka.createAdmin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("60000");
        }
    }

    @Test
    void deletedTopicNameCanBeReusedAtOnce() throws Exception {
        String topic = TopicNames.unique("reused");
        kafka.createTopic(topic, 1);
        KafkaTestRecords.produceStrings(kafka, topic, List.of("old-1", "old-2"));

        kafka.deleteTopic(topic);
        kafka.createTopic(topic, 3);

        try (Admin admin = kafka.createAdmin()) {
            TopicPartition first = new TopicPartition(topic, 0);
            long end =
                    admin.listOffsets(Map.of(first, OffsetSpec.latest()))
                            .partitionResult(first)
                            .get(30, TimeUnit.SECONDS)
                            .offset();
            assertThat(end).as("the new topic starts empty").isZero();
        }
        KafkaTestRecords.produceStrings(kafka, topic, List.of("new"));
        assertThat(KafkaTestRecords.consumeStrings(kafka, topic, 1, READ_TIMEOUT))
                .containsExactly("new");
    }

    @Test
    void errorsNameTheTopicAndTheCluster() {
        String topic = TopicNames.unique("errors");
        String missing = TopicNames.unique("missing");
        kafka.createTopic(topic, 2);

        assertThatThrownBy(() -> kafka.createTopic(topic, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + topic + "'")
                .hasMessageContaining("already exists")
                .hasMessageContaining(kafka.bootstrapServers());
        assertThatThrownBy(() -> kafka.addPartitions(topic, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + topic + "'")
                .hasMessageContaining("1 partitions");
        assertThatThrownBy(() -> kafka.addPartitions(missing, 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> kafka.deleteTopic(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> kafka.createTopic("bad name", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> kafka.createTopic(missing, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 partition");
        assertThatThrownBy(() -> kafka.createTopic(missing, 1, Map.of("cleanup.policy", "bogus")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + missing + "'")
                .hasMessageContaining("cleanup.policy");
        assertThatThrownBy(() -> KafkaTestRecords.produceStrings(kafka, missing, List.of("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + missing + "' does not exist");
    }

    @Test
    void brokerPropertiesReachTheBroker() throws Exception {
        try (EmbeddedKafkaCluster cluster =
                        EmbeddedKafkaCluster.builder()
                                .brokerProperty("transaction.max.timeout.ms", "123456")
                                .brokerProperties(Map.of("num.partitions", "3"))
                                .start();
                Admin admin = cluster.createAdmin()) {
            Node node = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next();
            ConfigResource broker =
                    new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(node.id()));
            Config config =
                    admin.describeConfigs(List.of(broker))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(broker);

            assertThat(config.get("transaction.max.timeout.ms").value()).isEqualTo("123456");
            assertThat(config.get("num.partitions").value()).isEqualTo("3");
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
        }
    }

    @Test
    void aFreshClusterRunsTransactionProtocolTwo() throws Exception {
        assertThat(kafka.finalizedFeatureLevel(KafkaCluster.TRANSACTION_VERSION))
                .isEqualTo(TransactionVersion.LATEST_PRODUCTION.featureLevel())
                .isEqualTo(2);
        assertThat(epochsAroundACommit(kafka))
                .as("epoch before and after a commit")
                .containsExactly(0, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void transactionVersionBelowTwoRunsTransactionProtocolOne(int level) throws Exception {
        try (EmbeddedKafkaCluster cluster =
                EmbeddedKafkaCluster.builder()
                        .feature(KafkaCluster.TRANSACTION_VERSION, level)
                        .start()) {
            assertThat(cluster.finalizedFeatureLevel(KafkaCluster.TRANSACTION_VERSION))
                    .isEqualTo(level);
            try (Admin admin = cluster.createAdmin()) {
                // Level 0 is how Kafka says "off": the feature is not listed at all.
                assertThat(
                                admin.describeFeatures()
                                        .featureMetadata()
                                        .get(30, TimeUnit.SECONDS)
                                        .finalizedFeatures())
                        .hasEntrySatisfying(
                                "metadata.version",
                                range -> assertThat(range.maxVersionLevel()).isPositive())
                        .satisfies(
                                features -> {
                                    if (level == 0) {
                                        assertThat(features)
                                                .doesNotContainKey(
                                                        KafkaCluster.TRANSACTION_VERSION);
                                    } else {
                                        assertThat(
                                                        features.get(
                                                                        KafkaCluster
                                                                                .TRANSACTION_VERSION)
                                                                .maxVersionLevel())
                                                .isEqualTo((short) level);
                                    }
                                });
            }
            // Protocol 1: the coordinator keeps the producer's epoch across the commit.
            assertThat(epochsAroundACommit(cluster))
                    .as("epoch before and after a commit")
                    .containsExactly(0, 0);
        }
    }

    @Test
    void anUnknownFeatureOrLevelFailsTheStartWithTheFormattersReason() {
        assertThatThrownBy(
                        () -> EmbeddedKafkaCluster.builder().feature("no.such.feature", 1).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no.such.feature=1")
                .hasMessageContaining("Unsupported feature")
                .hasMessageContaining(KafkaCluster.TRANSACTION_VERSION);
        assertThatThrownBy(
                        () ->
                                EmbeddedKafkaCluster.builder()
                                        .feature(KafkaCluster.TRANSACTION_VERSION, 7)
                                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction.version=7")
                .hasMessageContaining("feature level 7");
    }

    @Test
    void twoClustersRunSideBySide() throws Exception {
        String topic = TopicNames.unique("side-by-side");
        try (EmbeddedKafkaCluster other = EmbeddedKafkaCluster.start()) {
            assertThat(other.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
            assertThat(other.directory()).isNotEqualTo(kafka.directory());

            other.createTopic(topic, 2);
            kafka.createTopic(topic, 1);
            KafkaTestRecords.produceStrings(other, topic, List.of("other-1", "other-2"));
            KafkaTestRecords.produceStrings(kafka, topic, List.of("first"));

            assertThat(KafkaTestRecords.consumeStrings(other, topic, 2, READ_TIMEOUT))
                    .containsExactlyInAnyOrder("other-1", "other-2");
            assertThat(KafkaTestRecords.consumeStrings(kafka, topic, 1, READ_TIMEOUT))
                    .containsExactly("first");
        }
        // Closing the other cluster leaves this one running.
        String after = TopicNames.unique("after-other-closed");
        kafka.createTopic(after, 1);
        KafkaTestRecords.produceStrings(kafka, after, List.of("still-up"));
        assertThat(KafkaTestRecords.consumeStrings(kafka, after, 1, READ_TIMEOUT))
                .containsExactly("still-up");
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void retriesWhenTheControllerPortIsTaken() throws IOException {
        // The controller failing to bind makes Kafka ask to halt the JVM; the start must survive
        // that and retry.
        try (ServerSocket taken = bindLoopback()) {
            PortAllocator free = PortAllocator.ephemeral();
            AtomicInteger calls = new AtomicInteger();
            PortAllocator ports =
                    () -> calls.incrementAndGet() == 2 ? taken.getLocalPort() : free.nextPort();

            try (EmbeddedKafkaCluster cluster =
                    EmbeddedKafkaCluster.start(Map.of(), Map.of(), ports)) {
                assertThat(calls).hasValue(4);
                String topic = TopicNames.unique("after-retry");
                cluster.createTopic(topic, 1);
                KafkaTestRecords.produceStrings(cluster, topic, List.of("ok"));
                assertThat(KafkaTestRecords.consumeStrings(cluster, topic, 1, READ_TIMEOUT))
                        .containsExactly("ok");
            }
        }
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void retriesWhenTheBrokerPortIsTaken() throws IOException {
        try (ServerSocket taken = bindLoopback()) {
            PortAllocator free = PortAllocator.ephemeral();
            AtomicInteger calls = new AtomicInteger();
            PortAllocator ports =
                    () -> calls.incrementAndGet() == 1 ? taken.getLocalPort() : free.nextPort();

            try (EmbeddedKafkaCluster cluster =
                    EmbeddedKafkaCluster.start(Map.of(), Map.of(), ports)) {
                assertThat(calls).hasValue(4);
                assertThat(cluster.bootstrapServers()).doesNotEndWith(":" + taken.getLocalPort());
            }
        }
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void retriesWhenBothListenersGetTheSamePort() {
        PortAllocator free = PortAllocator.ephemeral();
        AtomicInteger calls = new AtomicInteger();
        int first = free.nextPort();
        PortAllocator ports = () -> calls.incrementAndGet() <= 2 ? first : free.nextPort();

        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(Map.of(), ports)) {
            assertThat(calls).hasValue(4);
            assertThat(cluster.bootstrapServers()).doesNotEndWith(":" + first);
        }
    }

    @Test
    @ExtendWith(QuietLogs.class)
    void givesUpWithAClearMessageWhenPortsStayTaken() throws IOException {
        try (ServerSocket taken = bindLoopback()) {
            PortAllocator free = PortAllocator.ephemeral();
            AtomicInteger calls = new AtomicInteger();
            // Every attempt asks for a broker port first: always hand out the taken one.
            PortAllocator ports =
                    () -> calls.incrementAndGet() % 2 == 1 ? taken.getLocalPort() : free.nextPort();

            Throwable error =
                    catchThrowable(() -> EmbeddedKafkaCluster.start(Map.of(), Map.of(), ports));

            int attempts = EmbeddedKafkaCluster.MAX_START_ATTEMPTS;
            assertThat(error)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("attempt " + attempts + " of " + attempts)
                    .hasMessageContaining("port taken");
            assertThat(calls).hasValue(2 * attempts);
            Matcher logDir = Pattern.compile("log dir (\\S+)\\)").matcher(error.getMessage());
            assertThat(logDir.find()).as("log dir in %s", error.getMessage()).isTrue();
            assertThat(Path.of(logDir.group(1)).getParent())
                    .as("a failed attempt removes its directory")
                    .doesNotExist();
        }
    }

    /**
     * The producer epoch the coordinator holds for a new transactional id after {@code
     * initTransactions()}, then after one committed transaction.
     */
    private static List<Integer> epochsAroundACommit(KafkaCluster cluster) throws Exception {
        String id = TopicNames.unique("epochs");
        String topic = TopicNames.unique("epochs");
        cluster.createTopic(topic, 1);
        Properties props = cluster.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        List<Integer> epochs = new ArrayList<>();
        try (Admin admin = cluster.createAdmin();
                KafkaProducer<String, String> producer =
                        new KafkaProducer<>(
                                props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            epochs.add((int) describe(admin, id).producerEpoch());
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed"));
            producer.commitTransaction();
            TransactionDescription committed = describe(admin, id);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (committed.state() != TransactionState.COMPLETE_COMMIT
                    && System.nanoTime() < deadline) {
                committed = describe(admin, id);
            }
            assertThat(committed.state()).isEqualTo(TransactionState.COMPLETE_COMMIT);
            epochs.add((int) committed.producerEpoch());
        }
        return epochs;
    }

    private static TransactionDescription describe(Admin admin, String id) throws Exception {
        return admin.describeTransactions(List.of(id)).description(id).get(30, TimeUnit.SECONDS);
    }

    private static ServerSocket bindLoopback() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(PortAllocator.HOST, 0));
        return socket;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
