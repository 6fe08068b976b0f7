package io.github.flinkkafkabridge.formats.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinkkafkabridge.serde.FormatException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors of the wire format, computed by hand. */
class WireFormatTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void framesAvroAndJsonPayloadsWithMagicByteAndBigEndianId() {
        assertThat(hex(WireFormat.frame(1, new byte[] {1, 2}))).isEqualTo("00 00 00 00 01 01 02");
        assertThat(hex(WireFormat.frame(0x01020304, new byte[0]))).isEqualTo("00 01 02 03 04");
        assertThat(hex(WireFormat.frame(100_000, new byte[] {(byte) 0xff})))
                .isEqualTo("00 00 01 86 a0 ff");
    }

    @Test
    void framesProtobufMessageIndexesAsZigZagVarints() {
        // [0] is the single byte 0.
        assertThat(hex(WireFormat.frame(7, new int[] {0}, new byte[] {0x0a})))
                .isEqualTo("00 00 00 00 07 00 0a");
        // [1]: count 1 -> 2, index 1 -> 2.
        assertThat(hex(WireFormat.frame(7, new int[] {1}, new byte[0])))
                .isEqualTo("00 00 00 00 07 02 02");
        // [1, 0]: count 2 -> 4.
        assertThat(hex(WireFormat.frame(7, new int[] {1, 0}, new byte[0])))
                .isEqualTo("00 00 00 00 07 04 02 00");
        // [2, 5, 64]: 64 -> 128 needs two varint bytes 80 01.
        assertThat(hex(WireFormat.frame(7, new int[] {2, 5, 64}, new byte[0])))
                .isEqualTo("00 00 00 00 07 06 04 0a 80 01");
    }

    @Test
    void parsesWhatItFrames() throws Exception {
        WireFormat.Framed avro = WireFormat.parse(hex("00 00 00 00 2a 02 04 61 62"));
        assertThat(avro.schemaId()).isEqualTo(42);
        assertThat(avro.payloadOffset()).isEqualTo(5);
        assertThat(avro.payloadLength()).isEqualTo(4);
        assertThat(avro.messageIndexes()).isEmpty();

        WireFormat.Framed proto =
                WireFormat.parseWithMessageIndexes(hex("00 00 00 00 07 06 04 0a 80 01 08 01"));
        assertThat(proto.schemaId()).isEqualTo(7);
        assertThat(proto.messageIndexes()).containsExactly(2, 5, 64);
        assertThat(proto.payloadOffset()).isEqualTo(10);
        assertThat(proto.payloadLength()).isEqualTo(2);
        assertThat(WireFormat.parseWithMessageIndexes(hex("00 00 00 00 07 00")).messageIndexes())
                .containsExactly(0);
        assertThat(proto).hasToString("schema id 7, message indexes [2, 5, 64], 2 payload bytes");
    }

    @Test
    void rejectsShortInputAndWrongMagicByte() {
        assertThatThrownBy(() -> WireFormat.parse(hex("00 00 00 01")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("4 bytes, fewer than the 5-byte header");
        assertThatThrownBy(() -> WireFormat.parse(hex("7b 22 61 22 3a")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("first byte is 123, not the magic byte 0");
    }

    @Test
    void rejectsMalformedMessageIndexes() {
        assertThatThrownBy(() -> WireFormat.parseWithMessageIndexes(hex("00 00 00 00 01")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("end early");
        // count -1
        assertThatThrownBy(() -> WireFormat.parseWithMessageIndexes(hex("00 00 00 00 01 01")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Invalid message index count -1");
        // count 100 with 1 byte left
        assertThatThrownBy(() -> WireFormat.parseWithMessageIndexes(hex("00 00 00 00 01 c8 01 00")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("count 100");
        // index -1
        assertThatThrownBy(() -> WireFormat.parseWithMessageIndexes(hex("00 00 00 00 01 02 01")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("Negative message index -1");
        assertThatThrownBy(
                        () ->
                                WireFormat.parseWithMessageIndexes(
                                        hex("00 00 00 00 01 02 ff ff ff ff ff ff")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("more than 5 bytes");
    }

    @Test
    void refusesToFrameNegativeIndexes() {
        assertThatThrownBy(() -> WireFormat.frame(1, new int[] {1, -2}, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, -2]");
    }
}
