package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.KafkaRecordSerializer;
import io.github.flinkkafkabridge.sink.internals.TopicNames;
import java.io.IOException;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Base of the registry formats' serializers: finds the schema id for the subject (registering the
 * schema when configured to) and writes framed values without key. One instance per writer thread.
 */
abstract class RegistrySerializer<T> implements KafkaRecordSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SchemaRegistryConfig config;
    @Nullable private transient SchemaRegistryClient client;

    RegistrySerializer(String topic, SchemaRegistryConfig config) {
        this.topic = TopicNames.requireValid(topic);
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void open(InitContext context) {
        client();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, Context context) throws IOException {
        return new ProducerRecord<>(topic, null, context.timestamp(), null, write(topic, element));
    }

    /** The framed bytes of {@code element}. */
    abstract byte[] write(String topic, T element) throws IOException;

    /** The id of {@code schema} for a value of {@code recordName} written to {@code topic}. */
    final int schemaId(String topic, String recordName, RegistrySchema schema) throws IOException {
        String subject = config.subjectNameStrategy().subject(topic, false, recordName);
        if (config.autoRegisterSchemas()) {
            return client().register(subject, schema);
        }
        try {
            return client().lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SchemaRegistryException(
                        "The "
                                + schema.type()
                                + " schema of "
                                + recordName
                                + " is not registered under subject '"
                                + subject
                                + "' and auto-registration is off"
                                + " (SchemaRegistryConfig.setAutoRegisterSchemas): "
                                + e.getMessage(),
                        e.httpStatus(),
                        e.errorCode());
            }
            throw e;
        }
    }

    private SchemaRegistryClient client() {
        SchemaRegistryClient c = client;
        if (c == null) {
            c = config.createClient();
            client = c;
        }
        return c;
    }
}
