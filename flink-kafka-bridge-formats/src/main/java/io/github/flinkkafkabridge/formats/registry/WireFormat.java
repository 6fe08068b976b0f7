package io.github.flinkkafkabridge.formats.registry;

import io.github.flinkkafkabridge.serde.FormatException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The Schema Registry wire format: magic byte {@code 0}, the schema id as 4 bytes big-endian, for
 * Protobuf the message indexes, then the payload. Message indexes locate the message type in its
 * {@code .proto} file (e.g. {@code [1, 0]}: the first nested message of the second top-level
 * message); they are a count and then each index, all zig-zag varints, with the common {@code [0]}
 * written as the single byte {@code 0}. Stateless.
 */
public final class WireFormat {

    /** The first byte of every framed payload. */
    public static final byte MAGIC_BYTE = 0;

    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Frames an Avro or JSON Schema payload. */
    public static byte[] frame(int schemaId, byte[] payload) {
        byte[] out = new byte[HEADER_SIZE + payload.length];
        writeHeader(out, schemaId);
        System.arraycopy(payload, 0, out, HEADER_SIZE, payload.length);
        return out;
    }

    /** Frames a Protobuf payload with its message indexes. */
    public static byte[] frame(int schemaId, int[] messageIndexes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        byte[] header = new byte[HEADER_SIZE];
        writeHeader(header, schemaId);
        out.write(header, 0, HEADER_SIZE);
        if (messageIndexes.length == 1 && messageIndexes[0] == 0) {
            writeVarint(out, 0);
        } else {
            writeVarint(out, messageIndexes.length);
            for (int index : messageIndexes) {
                if (index < 0) {
                    throw new IllegalArgumentException(
                            "Negative message index in " + Arrays.toString(messageIndexes));
                }
                writeVarint(out, index);
            }
        }
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    private static void writeHeader(byte[] out, int schemaId) {
        out[0] = MAGIC_BYTE;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /**
     * Reads the header of an Avro or JSON Schema payload.
     *
     * @throws FormatException when the bytes are too short or do not start with the magic byte
     */
    public static Framed parse(byte[] bytes) throws FormatException {
        checkHeader(bytes);
        return new Framed(schemaId(bytes), new int[0], HEADER_SIZE, bytes.length - HEADER_SIZE);
    }

    /**
     * Reads the header and message indexes of a Protobuf payload.
     *
     * @throws FormatException when the header or the message indexes are malformed
     */
    public static Framed parseWithMessageIndexes(byte[] bytes) throws FormatException {
        checkHeader(bytes);
        int[] pos = {HEADER_SIZE};
        int count = readVarint(bytes, pos);
        int[] indexes;
        if (count == 0) {
            indexes = new int[] {0};
        } else {
            if (count < 0 || count > bytes.length - pos[0]) {
                throw new FormatException(
                        "Invalid message index count " + count + " in " + bytes.length + " bytes");
            }
            indexes = new int[count];
            for (int i = 0; i < count; i++) {
                indexes[i] = readVarint(bytes, pos);
                if (indexes[i] < 0) {
                    throw new FormatException("Negative message index " + indexes[i]);
                }
            }
        }
        return new Framed(schemaId(bytes), indexes, pos[0], bytes.length - pos[0]);
    }

    private static void checkHeader(byte[] bytes) throws FormatException {
        if (bytes.length < HEADER_SIZE) {
            throw new FormatException(
                    "Not in the Schema Registry wire format: "
                            + bytes.length
                            + " bytes, fewer than the 5-byte header");
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new FormatException(
                    "Not in the Schema Registry wire format: first byte is "
                            + (bytes[0] & 0xff)
                            + ", not the magic byte 0");
        }
    }

    private static int schemaId(byte[] bytes) {
        return (bytes[1] & 0xff) << 24
                | (bytes[2] & 0xff) << 16
                | (bytes[3] & 0xff) << 8
                | (bytes[4] & 0xff);
    }

    private static int readVarint(byte[] bytes, int[] pos) throws FormatException {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos[0] >= bytes.length) {
                throw new FormatException("The message indexes end early");
            }
            byte b = bytes[pos[0]++];
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new FormatException("Invalid varint in the message indexes: more than 5 bytes");
    }

    /** A parsed header: schema id, message indexes (empty unless Protobuf) and payload bounds. */
    public static final class Framed {
        private final int schemaId;
        private final int[] messageIndexes;
        private final int payloadOffset;
        private final int payloadLength;

        Framed(int schemaId, int[] messageIndexes, int payloadOffset, int payloadLength) {
            this.schemaId = schemaId;
            this.messageIndexes = messageIndexes;
            this.payloadOffset = payloadOffset;
            this.payloadLength = payloadLength;
        }

        public int schemaId() {
            return schemaId;
        }

        /** A copy of the message indexes; empty for Avro and JSON Schema. */
        public int[] messageIndexes() {
            return messageIndexes.clone();
        }

        public int payloadOffset() {
            return payloadOffset;
        }

        public int payloadLength() {
            return payloadLength;
        }

        @Override
        public String toString() {
            return "schema id "
                    + schemaId
                    + (messageIndexes.length == 0
                            ? ""
                            : ", message indexes " + Arrays.toString(messageIndexes))
                    + ", "
                    + payloadLength
                    + " payload bytes";
        }
    }
}
