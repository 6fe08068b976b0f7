package io.github.flinkkafkabridge.source.reader;

import io.github.flinkkafkabridge.source.split.KafkaPartitionSplit;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SingleThreadFetcherManager;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherTask;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * The single fetcher of a reader, plus offset commits: the Kafka consumer is not thread-safe, so a
 * commit is a task queued to the fetcher thread that owns the consumer.
 */
final class KafkaSourceFetcherManager
        extends SingleThreadFetcherManager<ConsumerRecord<byte[], byte[]>, KafkaPartitionSplit> {

    KafkaSourceFetcherManager(
            Supplier<SplitReader<ConsumerRecord<byte[], byte[]>, KafkaPartitionSplit>>
                    splitReaderSupplier,
            Configuration config) {
        super(splitReaderSupplier, config);
    }

    /** Queues a commit of {@code offsets}; {@code callback} runs in the fetcher thread. */
    void commitOffsets(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        SplitFetcher<ConsumerRecord<byte[], byte[]>, KafkaPartitionSplit> fetcher =
                getRunningFetcher();
        boolean fresh = fetcher == null;
        if (fresh) {
            // Every split finished and the fetcher was shut down: start one for the commit.
            fetcher = createSplitFetcher();
        }
        KafkaPartitionSplitReader reader = (KafkaPartitionSplitReader) fetcher.getSplitReader();
        fetcher.enqueueTask(
                new SplitFetcherTask() {
                    @Override
                    public boolean run() {
                        reader.commitOffsets(offsets, callback);
                        return true;
                    }

                    @Override
                    public void wakeUp() {}
                });
        if (fresh) {
            startFetcher(fetcher);
        }
    }
}
