// Hand-assembled GGUF bytes for malformed-file tests: every field is written as given, nothing is checked.
package org.ternsim.kernels.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

final class RawGguf {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Magic, version, tensor count and metadata count. */
    static RawGguf header(int version, long tensors, long kvs) {
        RawGguf r = new RawGguf();
        r.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensors).u64(kvs);
        return r;
    }

    RawGguf u8(int v) {
        out.write(v);
        return this;
    }

    RawGguf u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    RawGguf u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    RawGguf str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        return raw(b);
    }

    RawGguf raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** A tensor info: name, dims, ggml type id, offset. */
    RawGguf tensor(String name, long[] dims, int typeId, long offset) {
        str(name).u32(dims.length);
        for (long d : dims) {
            u64(d);
        }
        return u32(typeId).u64(offset);
    }

    /** Zero bytes up to the next multiple of {@code alignment}, then {@code dataBytes} zero bytes. */
    RawGguf padAndData(int alignment, int dataBytes) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return raw(new byte[dataBytes]);
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
