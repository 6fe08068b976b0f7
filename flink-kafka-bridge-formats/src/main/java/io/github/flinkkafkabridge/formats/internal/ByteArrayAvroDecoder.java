package io.github.flinkkafkabridge.formats.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary decoder over one byte array that checks every length and count against the bytes
 * left before allocating, so a corrupt payload fails with an {@link IOException} instead of
 * allocating gigabytes. Avro's own decoders trust lengths up to the JVM's array limit. One instance
 * per payload, used by one thread.
 *
 * <p>An array or map block may not announce more items than bytes are left; this rejects only
 * blocks of more than that many zero-byte items (arrays of {@code null}).
 */
public final class ByteArrayAvroDecoder extends Decoder {

    private final byte[] buf;
    private int pos;
    private final int limit;

    public ByteArrayAvroDecoder(byte[] bytes, int offset, int length) {
        this.buf = bytes;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Fails unless every byte was read. */
    public void requireFullyRead() throws IOException {
        if (pos != limit) {
            throw new IOException((limit - pos) + " bytes left over after the end of the datum");
        }
    }

    private int remaining() {
        return limit - pos;
    }

    private void require(long n, String what) throws IOException {
        if (n < 0) {
            throw new IOException("Negative " + what + " " + n);
        }
        if (n > remaining()) {
            throw new EOFException(
                    what + " of " + n + " bytes but only " + remaining() + " bytes are left");
        }
    }

    private byte next() throws IOException {
        if (pos >= limit) {
            throw new EOFException("The datum ends early, at byte " + pos);
        }
        return buf[pos++];
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        byte b = next();
        if (b != 0 && b != 1) {
            throw new IOException("Invalid boolean byte " + b);
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("Invalid int encoding: " + value + " is out of range");
        }
        return (int) value;
    }

    @Override
    public long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = next();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("Invalid long encoding: more than 10 bytes");
    }

    @Override
    public float readFloat() throws IOException {
        require(4, "float");
        int bits =
                (buf[pos] & 0xff)
                        | (buf[pos + 1] & 0xff) << 8
                        | (buf[pos + 2] & 0xff) << 16
                        | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    @Override
    public double readDouble() throws IOException {
        require(8, "double");
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = readLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = readLength("string");
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        pos += readLength("string");
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = readLength("bytes");
        byte[] copy = new byte[length];
        System.arraycopy(buf, pos, copy, 0, length);
        pos += length;
        return ByteBuffer.wrap(copy);
    }

    @Override
    public void skipBytes() throws IOException {
        pos += readLength("bytes");
    }

    private int readLength(String what) throws IOException {
        long length = readLong();
        require(length, what);
        return (int) length;
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "fixed");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long arrayNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks();
    }

    @Override
    public long readMapStart() throws IOException {
        return readBlockCount();
    }

    @Override
    public long mapNext() throws IOException {
        return readBlockCount();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    @Override
    public int remainingBytes() {
        return remaining();
    }

    private long readBlockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new IOException("Invalid block count " + count);
            }
            readLong(); // the block's size in bytes, not needed to read it
            count = -count;
        }
        checkCount(count);
        return count;
    }

    private long skipBlocks() throws IOException {
        long count = readLong();
        while (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new IOException("Invalid block count " + count);
            }
            long size = readLong();
            require(size, "block");
            pos += (int) size;
            count = readLong();
        }
        checkCount(count);
        return count;
    }

    private void checkCount(long count) throws IOException {
        if (count > remaining()) {
            throw new IOException(
                    "A block of "
                            + count
                            + " items cannot fit in the "
                            + remaining()
                            + " bytes left");
        }
    }
}
