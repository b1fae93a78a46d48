// Little-endian field access inside ggml blocks, which are written by little-endian hosts.
package org.ternsim.kernels.baseline;

import org.ternsim.kernels.numeric.Fp16;

final class LittleEndian {

    private LittleEndian() {
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static short i16(byte[] b, int off) {
        return (short) u16(b, off);
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static float f32(byte[] b, int off) {
        return Float.intBitsToFloat(u16(b, off) | u16(b, off + 2) << 16);
    }

    static void putF32(byte[] b, int off, float v) {
        int bits = Float.floatToRawIntBits(v);
        put16(b, off, bits);
        put16(b, off + 2, bits >>> 16);
    }

    static float f16(byte[] b, int off) {
        return Fp16.toFloat(u16(b, off));
    }

    static void putF16(byte[] b, int off, float v) {
        put16(b, off, Fp16.fromFloat(v));
    }
}
