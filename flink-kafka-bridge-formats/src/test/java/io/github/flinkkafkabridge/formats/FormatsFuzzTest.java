package io.github.flinkkafkabridge.formats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.github.flinkkafkabridge.formats.avro.AvroFormat;
import io.github.flinkkafkabridge.formats.avro.generated.AvroOrder;
import io.github.flinkkafkabridge.formats.json.JsonFormat;
import io.github.flinkkafkabridge.formats.protobuf.ProtobufFormat;
import io.github.flinkkafkabridge.formats.protobuf.generated.ProtoOrder;
import io.github.flinkkafkabridge.formats.protobuf.generated.Status;
import io.github.flinkkafkabridge.formats.registry.RegistryAvroFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryJsonSchemaFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryKeyValueFormat;
import io.github.flinkkafkabridge.formats.registry.RegistryProtobufFormat;
import io.github.flinkkafkabridge.formats.registry.RegistrySchema;
import io.github.flinkkafkabridge.formats.registry.SchemaRegistryConfig;
import io.github.flinkkafkabridge.formats.registry.SchemaType;
import io.github.flinkkafkabridge.formats.registry.WireFormat;
import io.github.flinkkafkabridge.formats.testing.InMemoryRegistry;
import io.github.flinkkafkabridge.formats.testing.Order;
import io.github.flinkkafkabridge.formats.testing.Payment;
import io.github.flinkkafkabridge.formats.testing.Serdes;
import io.github.flinkkafkabridge.serde.FormatException;
import io.github.flinkkafkabridge.serde.KafkaRecordDeserializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds {@value #PAYLOADS} random and mutated payloads (seeded, so every run is the same) into
 * every deserializer of the library and asserts that nothing but the documented {@link
 * FormatException} escapes: no NullPointerException, ClassCastException, OutOfMemoryError or hang.
 */
class FormatsFuzzTest {

    static final int PAYLOADS = 100_000;
    private static final long SEED = 20_261_124L;
    private static final String REGISTRY = "fuzz";

    /** A deserializer under test and valid payloads to mutate. */
    private record Target(
            String name, KafkaRecordDeserializer<?> deserializer, List<byte[]> samples) {}

    private static final Schema V1 =
            SchemaBuilder.record("Reading")
                    .namespace("fuzz")
                    .fields()
                    .requiredString("sensor")
                    .requiredDouble("value")
                    .name("readings")
                    .type()
                    .map()
                    .values()
                    .array()
                    .items()
                    .longType()
                    .noDefault()
                    .name("kind")
                    .type()
                    .enumeration("Kind")
                    .symbols("A", "B")
                    .noDefault()
                    .name("raw")
                    .type()
                    .unionOf()
                    .nullType()
                    .and()
                    .bytesType()
                    .and()
                    .fixed("F")
                    .size(3)
                    .endUnion()
                    .noDefault()
                    .endRecord();

    private static final Schema V2 =
            SchemaBuilder.record("Reading")
                    .namespace("fuzz")
                    .fields()
                    .requiredString("sensor")
                    .name("readings")
                    .type()
                    .map()
                    .values()
                    .array()
                    .items()
                    .longType()
                    .noDefault()
                    .name("unit")
                    .type()
                    .stringType()
                    .stringDefault("C")
                    .endRecord();

    private static List<Target> targets() throws Exception {
        List<Target> targets = new ArrayList<>();

        List<byte[]> text = List.of("hello".getBytes(UTF_8), "grüße €".getBytes(UTF_8));
        targets.add(new Target("utf8Values", KafkaRecordDeserializer.utf8Values(), text));
        targets.add(new Target("byteValues", KafkaRecordDeserializer.byteValues(), text));
        targets.add(new Target("records", KafkaRecordDeserializer.records(), text));
        targets.add(
                new Target(
                        "keyValue(SimpleStringSchema)",
                        KafkaRecordDeserializer.keyValue(
                                new SimpleStringSchema(), new SimpleStringSchema()),
                        text));
        targets.add(
                new Target(
                        "valueOnly(LongDeserializer)",
                        KafkaRecordDeserializer.valueOnly(LongDeserializer.class),
                        List.of(new byte[] {0, 0, 0, 0, 0, 0, 1, 0})));
        targets.add(
                new Target(
                        "of(StringDeserializer, IntegerDeserializer)",
                        KafkaRecordDeserializer.of(
                                StringDeserializer.class, IntegerDeserializer.class),
                        List.of(new byte[] {0, 0, 1, 0})));

        Order order = new Order(7, "ada", 12.5, List.of("a", "b"));
        JsonFormat<Order> json = JsonFormat.of(Order.class);
        List<byte[]> orderJson =
                List.of(json.write(order), "{\"id\":1,\"tags\":[\"x\",null]}".getBytes(UTF_8));
        targets.add(new Target("json POJO", json.deserializer(), orderJson));
        targets.add(
                new Target(
                        "json POJO strict",
                        json.withUnknownFields(JsonFormat.UnknownFields.FAIL)
                                .withMissingFields(JsonFormat.MissingFields.FAIL)
                                .deserializer(),
                        orderJson));
        JsonFormat<Payment> payments =
                JsonFormat.of(Payment.class).withMissingFields(JsonFormat.MissingFields.FAIL);
        List<byte[]> paymentJson = List.of(payments.write(new Payment("p", 100, true)));
        targets.add(new Target("json record", payments.deserializer(), paymentJson));
        targets.add(
                new Target(
                        "json tree",
                        JsonFormat.tree().deserializer(),
                        List.of(
                                "{\"a\":[1,2.5,{\"b\":null}],\"c\":\"d\\u00e9\",\"e\":true}"
                                        .getBytes(UTF_8))));

        GenericRecord reading = new GenericData.Record(V1);
        reading.put("sensor", "s1");
        reading.put("value", 1.5);
        reading.put("readings", Map.of("x", List.of(1L, -2L, 300L)));
        reading.put("kind", new GenericData.EnumSymbol(V1.getField("kind").schema(), "B"));
        reading.put("raw", java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
        List<byte[]> readings = List.of(AvroFormat.generic(V1).write(reading));
        targets.add(new Target("avro generic", AvroFormat.generic(V1).deserializer(), readings));
        targets.add(
                new Target(
                        "avro generic evolved",
                        AvroFormat.generic(V1, V2).deserializer(),
                        readings));
        AvroOrder avroOrder =
                AvroOrder.newBuilder()
                        .setId(7)
                        .setCustomer("ada")
                        .setAmount(1.5)
                        .setTags(List.of("a", "bb"))
                        .setNote("n")
                        .build();
        AvroFormat<AvroOrder> specific = AvroFormat.specific(AvroOrder.class);
        targets.add(
                new Target(
                        "avro specific",
                        specific.deserializer(),
                        List.of(specific.write(avroOrder))));
        AvroFormat<Order> reflect = AvroFormat.reflect(Order.class);
        targets.add(
                new Target("avro reflect", reflect.deserializer(), List.of(reflect.write(order))));

        ProtoOrder protoOrder =
                ProtoOrder.newBuilder()
                        .setId(7)
                        .setCustomer("ada")
                        .setAmount(1.5)
                        .addTags("a")
                        .putCounts("k", 3)
                        .setStatus(Status.STATUS_OPEN)
                        .addLines(ProtoOrder.Line.newBuilder().setSku("s").setQuantity(2))
                        .build();
        targets.add(
                new Target(
                        "protobuf generated",
                        ProtobufFormat.of(ProtoOrder.class).deserializer(),
                        List.of(protoOrder.toByteArray())));
        Struct struct =
                Struct.newBuilder()
                        .putFields(
                                "l",
                                Value.newBuilder()
                                        .setListValue(
                                                ListValue.newBuilder()
                                                        .addValues(
                                                                Value.newBuilder()
                                                                        .setNumberValue(1)))
                                        .build())
                        .build();
        targets.add(
                new Target(
                        "protobuf Struct (recursive)",
                        ProtobufFormat.of(Struct.class).deserializer(),
                        List.of(struct.toByteArray())));

        SchemaRegistryConfig registry = InMemoryRegistry.config(REGISTRY, false);
        RegistryProtobufFormat<ProtoOrder> registryProto =
                RegistryProtobufFormat.of(ProtoOrder.class, registry);
        InMemoryRegistry.put(
                REGISTRY,
                1,
                new RegistrySchema(SchemaType.AVRO, AvroOrder.getClassSchema().toString()));
        InMemoryRegistry.put(
                REGISTRY, 2, new RegistrySchema(SchemaType.PROTOBUF, registryProto.schemaText()));
        InMemoryRegistry.put(REGISTRY, 3, new RegistrySchema(SchemaType.JSON, "{}"));
        targets.add(
                new Target(
                        "registry avro",
                        RegistryAvroFormat.specific(AvroOrder.class, registry).deserializer(),
                        List.of(WireFormat.frame(1, specific.write(avroOrder)))));
        targets.add(
                new Target(
                        "registry protobuf",
                        registryProto.deserializer(),
                        List.of(
                                WireFormat.frame(
                                        2,
                                        registryProto.messageIndexes(),
                                        protoOrder.toByteArray()),
                                WireFormat.frame(2, new int[] {1, 3}, protoOrder.toByteArray()))));
        targets.add(
                new Target(
                        "registry json",
                        RegistryJsonSchemaFormat.of(payments, registry).deserializer(),
                        List.of(WireFormat.frame(3, paymentJson.get(0)))));
        InMemoryRegistry.put(
                REGISTRY,
                4,
                new RegistrySchema(
                        SchemaType.JSON,
                        "{\"type\":\"object\",\"required\":[\"id\",\"cents\"],"
                                + "\"additionalProperties\":false,\"properties\":{"
                                + "\"id\":{\"type\":\"string\",\"pattern\":\"^p\",\"maxLength\":9},"
                                + "\"cents\":{\"type\":\"integer\",\"minimum\":0},"
                                + "\"refunded\":{\"type\":\"boolean\"}}}"));
        RegistryJsonSchemaFormat<Payment> validated =
                RegistryJsonSchemaFormat.of(payments, registry).withReadValidation(true);
        List<byte[]> validatedJson =
                List.of(
                        WireFormat.frame(4, paymentJson.get(0)),
                        WireFormat.frame(
                                4,
                                "{\"id\":\"x\",\"cents\":-1,\"refunded\":true}".getBytes(UTF_8)));
        targets.add(new Target("registry json validated", validated.deserializer(), validatedJson));
        targets.add(
                new Target(
                        "registry key+value json validated",
                        RegistryKeyValueFormat.of(validated, validated).deserializer(),
                        validatedJson));
        targets.add(
                new Target(
                        "registry key+value avro/protobuf",
                        RegistryKeyValueFormat.of(
                                        RegistryAvroFormat.specific(AvroOrder.class, registry),
                                        registryProto)
                                .deserializer(),
                        List.of(
                                WireFormat.frame(1, specific.write(avroOrder)),
                                WireFormat.frame(
                                        2,
                                        registryProto.messageIndexes(),
                                        protoOrder.toByteArray()))));
        return targets;
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onlyFormatExceptionsEscapeAnyDeserializer() throws Exception {
        List<Target> targets = targets();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        // Each target has its own deserializer and its own seeded Random, so running two at a
        // time keeps every run identical.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        List<Future<String>> figures = new ArrayList<>();
        try {
            for (Target target : targets) {
                figures.add(
                        pool.submit(
                                () -> {
                                    long t0 = System.nanoTime();
                                    int rejected = fuzz(target, failures);
                                    return target.name()
                                            + ": "
                                            + PAYLOADS
                                            + " payloads, "
                                            + rejected
                                            + " rejected, "
                                            + (System.nanoTime() - t0) / 1_000_000
                                            + " ms";
                                }));
            }
            StringBuilder summary = new StringBuilder("Fuzz figures (seed " + SEED + "):\n");
            for (Future<String> figure : figures) {
                summary.append("  ").append(figure.get()).append('\n');
            }
            summary.append("  total: ")
                    .append(targets.size() * PAYLOADS)
                    .append(" payloads into ")
                    .append(targets.size())
                    .append(" deserializers in ")
                    .append((System.nanoTime() - start) / 1_000_000)
                    .append(" ms (2 threads)");
            System.out.println(summary);
            assertThat(failures).as(summary.toString()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns how many payloads were rejected with a FormatException. */
    private static int fuzz(Target target, List<String> failures) throws Exception {
        KafkaRecordDeserializer<?> deserializer = Serdes.opened(target.deserializer());
        Random random = new Random(SEED ^ target.name().hashCode());
        Collector<Object> sink =
                new Collector<>() {
                    @Override
                    public void collect(Object record) {}

                    @Override
                    public void close() {}
                };
        int rejected = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            byte[] payload = payload(random, target.samples());
            ConsumerRecord<byte[], byte[]> record =
                    new ConsumerRecord<>("fuzz", 0, i, i % 7 == 0 ? null : payload, payload);
            try {
                @SuppressWarnings("unchecked")
                KafkaRecordDeserializer<Object> d = (KafkaRecordDeserializer<Object>) deserializer;
                d.deserialize(record, sink);
            } catch (FormatException e) {
                rejected++;
            } catch (Throwable t) {
                failures.add(
                        target.name()
                                + " payload #"
                                + i
                                + " ["
                                + HexFormat.of().formatHex(payload)
                                + "] threw "
                                + t);
                if (failures.size() > 20) {
                    return rejected;
                }
            }
        }
        return rejected;
    }

    private static final byte[] INTERESTING = {
        0, 1, 2, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, '{', '"', '['
    };

    private static byte[] payload(Random random, List<byte[]> samples) {
        int kind = random.nextInt(10);
        if (kind < 2) {
            byte[] bytes = new byte[random.nextInt(65)];
            random.nextBytes(bytes);
            return bytes;
        }
        byte[] bytes = samples.get(random.nextInt(samples.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            bytes = mutate(random, bytes);
        }
        return bytes;
    }

    private static byte[] mutate(Random random, byte[] bytes) {
        int n = bytes.length;
        switch (random.nextInt(7)) {
            case 0: // flip a bit
                if (n > 0) {
                    bytes[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            case 1: // an interesting byte
                if (n > 0) {
                    bytes[random.nextInt(n)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                return bytes;
            case 2: // truncate
                return Arrays.copyOf(bytes, n == 0 ? 0 : random.nextInt(n));
            case 3: // insert a random byte
                {
                    int at = random.nextInt(n + 1);
                    byte[] out = new byte[n + 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    out[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, out, at + 1, n - at);
                    return out;
                }
            case 4: // delete a byte
                {
                    if (n == 0) {
                        return bytes;
                    }
                    int at = random.nextInt(n);
                    byte[] out = new byte[n - 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(bytes, at + 1, out, at, n - at - 1);
                    return out;
                }
            case 5: // duplicate a slice
                {
                    if (n == 0) {
                        return bytes;
                    }
                    int from = random.nextInt(n);
                    int len = 1 + random.nextInt(Math.min(8, n - from));
                    byte[] out = new byte[n + len];
                    System.arraycopy(bytes, 0, out, 0, from + len);
                    System.arraycopy(bytes, from, out, from + len, n - from);
                    return out;
                }
            default: // a random varint-ish run: large lengths and counts
                {
                    if (n == 0) {
                        return bytes;
                    }
                    int at = random.nextInt(n);
                    for (int k = at; k < Math.min(n, at + 1 + random.nextInt(5)); k++) {
                        bytes[k] = (byte) (0x80 | random.nextInt(128));
                    }
                    return bytes;
                }
        }
    }
}
