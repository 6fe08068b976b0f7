package io.github.flinkkafkabridge.sink;

import java.io.Serializable;

/**
 * Chooses the topic of each element for the sink's value-serializer shortcut ({@link
 * KafkaBridgeSinkBuilder#setTopicSelector}). Must be serializable and fast: it runs once per
 * element on the writer thread.
 *
 * @param <T> the type of the stream elements
 */
@FunctionalInterface
public interface KafkaTopicSelector<T> extends Serializable {

    /**
     * Returns the topic the element is written to.
     *
     * @param element the element
     * @return a legal, existing topic name (with auto-creation off, a missing topic fails the send
     *     after {@code max.block.ms})
     */
    String topicFor(T element);
}
