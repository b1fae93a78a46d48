// Bounded little-endian reads over a channel: every read first checks that the file still holds the bytes.
package org.ternsim.kernels.gguf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Sequential reader of the GGUF header through a 64 KiB window. It never allocates more than the file has left, so
 * lengths and counts read from a damaged file turn into {@link GgufFormatException}s, not into huge allocations.
 */
final class GgufCursor {

    private static final int WINDOW = 1 << 16;

    private final String file;
    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private long pos;

    GgufCursor(String file, SeekableByteChannel channel) {
        this.file = file;
        this.channel = channel;
        try {
            this.size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read size", e);
        }
        window.limit(0);
    }

    long position() {
        return pos;
    }

    long size() {
        return size;
    }

    long remaining() {
        return size - pos;
    }

    /** A format error at {@code at}. */
    GgufFormatException fail(long at, String problem) {
        return new GgufFormatException(file, at, problem);
    }

    /** Throws unless {@code n} more bytes exist; {@code what} names them in the message. */
    void require(long n, String what) {
        if (n < 0 || n > size - pos) {
            throw fail(pos, "file ends early: expected " + what + " (" + (n < 0 ? Long.toUnsignedString(n) : n)
                + " bytes) but only " + (size - pos) + " bytes remain");
        }
    }

    int u8(String what) {
        return window.get(reserve(1, what)) & 0xFF;
    }

    int i32(String what) {
        return window.getInt(reserve(4, what));
    }

    /** A uint32 widened to a long. */
    long u32(String what) {
        return i32(what) & 0xFFFF_FFFFL;
    }

    /** 64 bits; callers treat negative results as values >= 2^63. */
    long i64(String what) {
        return window.getLong(reserve(8, what));
    }

    /** {@code n} bytes; callers have bounded {@code n} by {@link #remaining()} and the array limit. */
    byte[] bytes(int n, String what) {
        require(n, what);
        byte[] out = new byte[n];
        int done = 0;
        long inWindow = windowStart + window.limit() - pos;
        if (pos >= windowStart && inWindow > 0) {
            int k = (int) Math.min(n, inWindow);
            window.get((int) (pos - windowStart), out, 0, k);
            done = k;
        }
        if (done < n) {
            readFully(pos + done, ByteBuffer.wrap(out, done, n - done));
        }
        pos += n;
        return out;
    }

    // Makes the next n (<= 8) bytes available in the window, advances past them, and returns their window index.
    private int reserve(int n, String what) {
        require(n, what);
        if (pos < windowStart || pos + n > windowStart + window.limit()) {
            window.clear();
            window.limit((int) Math.min(WINDOW, size - pos));
            readFully(pos, window);
            windowStart = pos;
        }
        int index = (int) (pos - windowStart);
        pos += n;
        return index;
    }

    private void readFully(long from, ByteBuffer dst) {
        try {
            channel.position(from);
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) {
                    // The size was checked first, so this means the file shrank while being read.
                    throw fail(from, "file ends early (it changed while being read)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": read failed at byte " + from, e);
        }
    }
}
