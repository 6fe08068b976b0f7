package io.github.flinkkafkabridge.serde;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Internal: a Kafka {@link Serializer} or {@link Deserializer} shipped with the job graph. A
 * serializable instance travels as it is; any other instance, or a class, travels as its class and
 * configs and is created and {@code configure}d on the task. Owned by one (de)serializer, used from
 * one thread.
 */
final class KafkaClientSerde<S> implements Serializable {

    private static final long serialVersionUID = 1L;

    @Nullable private final S serializableInstance;
    private final Class<? extends S> type;
    private final HashMap<String, Object> configs;
    private final boolean isKey;
    @Nullable private transient S instance;

    private KafkaClientSerde(
            @Nullable S serializableInstance,
            Class<? extends S> type,
            Map<String, ?> configs,
            boolean isKey) {
        this.serializableInstance = serializableInstance;
        this.type = type;
        this.configs = new HashMap<>(configs);
        this.isKey = isKey;
        try {
            InstantiationUtil.serializeObject(this.configs);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "The configs of " + type.getName() + " must be serializable: " + e, e);
        }
    }

    static <S> KafkaClientSerde<S> ofClass(
            Class<? extends S> type, Map<String, ?> configs, boolean isKey) {
        Objects.requireNonNull(type, "class");
        requireNoArgConstructor(type);
        return new KafkaClientSerde<>(null, type, configs, isKey);
    }

    @SuppressWarnings("unchecked")
    static <S> KafkaClientSerde<S> ofInstance(S instance, boolean isKey) {
        Objects.requireNonNull(instance, "instance");
        Class<? extends S> type = (Class<? extends S>) instance.getClass();
        if (instance instanceof Serializable) {
            return new KafkaClientSerde<>(instance, type, Map.of(), isKey);
        }
        requireNoArgConstructor(type);
        KafkaClientSerde<S> serde = new KafkaClientSerde<>(null, type, Map.of(), isKey);
        // Used as given on this JVM; re-created from its class where it was shipped to.
        serde.instance = instance;
        return serde;
    }

    private static void requireNoArgConstructor(Class<?> type) {
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(
                    type.getName()
                            + " is neither Serializable nor has a public no-argument constructor,"
                            + " so it cannot be shipped to the task managers");
        }
    }

    Class<? extends S> type() {
        return type;
    }

    @SuppressWarnings("unchecked")
    S get() {
        if (instance == null) {
            if (serializableInstance != null) {
                instance = serializableInstance;
            } else {
                try {
                    instance = type.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "Cannot create " + type.getName() + ": " + e, e);
                }
                if (instance instanceof Serializer) {
                    ((Serializer<?>) instance).configure(configs, isKey);
                } else if (instance instanceof Deserializer) {
                    ((Deserializer<?>) instance).configure(configs, isKey);
                }
            }
        }
        return instance;
    }

    @Override
    public String toString() {
        return type.getName();
    }

    /** The type a deserializer class produces, as far as its generic signature tells. */
    static <T> TypeInformation<T> producedType(Class<?> deserializerClass) {
        try {
            return TypeExtractor.createTypeInfo(
                    Deserializer.class, deserializerClass, 0, null, null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Cannot tell the type "
                            + deserializerClass.getName()
                            + " produces from its generic signature; pass a TypeInformation",
                    e);
        }
    }

    /**
     * Like {@link #producedType(Class)}, or Flink's generic (Kryo) type when the signature does not
     * tell.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> TypeInformation<T> producedTypeOrGeneric(Class<?> deserializerClass) {
        try {
            return producedType(deserializerClass);
        } catch (IllegalArgumentException e) {
            return (TypeInformation) new GenericTypeInfo<>(Object.class);
        }
    }

    /** A Kafka deserializer as a {@link ValueDecoder}. */
    static final class Decoder<T> implements ValueDecoder<T> {
        private static final long serialVersionUID = 1L;
        private final KafkaClientSerde<Deserializer<T>> deserializer;
        private final TypeInformation<T> type;

        Decoder(KafkaClientSerde<Deserializer<T>> deserializer, TypeInformation<T> type) {
            this.deserializer = deserializer;
            this.type = Objects.requireNonNull(type, "type");
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            deserializer.get();
        }

        @Override
        public T decode(String topic, Headers headers, byte[] bytes) throws FormatException {
            try {
                return deserializer.get().deserialize(topic, headers, bytes);
            } catch (RuntimeException e) {
                throw new FormatException(
                        deserializer + " could not read " + bytes.length + " bytes: " + e, e);
            }
        }

        @Override
        public TypeInformation<T> producedType() {
            return type;
        }

        @Override
        public String toString() {
            return deserializer.toString();
        }
    }

    /** A Kafka serializer as a {@link ValueEncoder}. */
    static final class Encoder<T> implements ValueEncoder<T> {
        private static final long serialVersionUID = 1L;
        private final KafkaClientSerde<Serializer<T>> serializer;

        Encoder(KafkaClientSerde<Serializer<T>> serializer) {
            this.serializer = serializer;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context) {
            serializer.get();
        }

        @Override
        public byte[] encode(String topic, Headers headers, T value) {
            return serializer.get().serialize(topic, headers, value);
        }

        @Override
        public String toString() {
            return serializer.toString();
        }
    }
}
