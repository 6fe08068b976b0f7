package io.github.flinkkafkabridge.examples.wordcount;

import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a record value as one sentence: strict UTF-8, not blank, at most {@value #MAX_CHARS}
 * characters. Anything else is malformed input and is rejected with an {@link IOException}, which
 * the source's bad-record policy sends to the dead-letter topic.
 */
public final class SentenceDeserializer implements KafkaRecordDeserializer<String> {

    private static final long serialVersionUID = 1L;

    /** Longest sentence accepted. */
    public static final int MAX_CHARS = 10_000;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out)
            throws IOException {
        byte[] value = record.value();
        if (value == null) {
            return; // a tombstone carries no sentence
        }
        String sentence;
        try {
            sentence =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(value))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("The value is not valid UTF-8 text: " + e, e);
        }
        if (sentence.isBlank()) {
            throw new IOException("The value is blank");
        }
        if (sentence.length() > MAX_CHARS) {
            throw new IOException(
                    "The value has " + sentence.length() + " characters, more than " + MAX_CHARS);
        }
        out.collect(sentence);
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
