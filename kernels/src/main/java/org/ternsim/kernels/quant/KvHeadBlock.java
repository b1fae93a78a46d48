// One quantized KV-cache block: the packed unsigned codes of one head of one token, and their absmax step.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * One head's vector of one token (K or V, post-RoPE for K), as {@link KvCacheQuantizer} stores it.
 * Value i is restored as x_i ~ (float) (u_i - z) * step, where u_i is the unsigned code and z = 2^(bits-1) the fixed
 * zero point.
 *
 * @param bits   3 or 4 (the cache) or 8 ([BOS] heads at higher precision; see {@link KvCacheQuantizer})
 * @param length the head dimension, >= 1
 * @param packed the codes, packed by {@link KvCodePacking}; shared, not copied
 * @param step   d = (float) (amax / Qp) with Qp = 2^(bits-1) - 1: the value of one code step
 */
public record KvHeadBlock(int bits, int length, byte[] packed, float step) {

    /** Bytes of one stored step (fp32). */
    public static final int SCALE_BYTES = Float.BYTES;

    public KvHeadBlock {
        Objects.requireNonNull(packed, "packed");
        KvCodePacking.checkBits(bits);
        if (length < 1) {
            throw new IllegalArgumentException("KV head length must be >= 1, got " + length);
        }
        int expected = KvCodePacking.packedBytes(bits, length);
        if (packed.length != expected) {
            throw new IllegalArgumentException(length + " codes of " + bits + " bits need " + expected
                    + " packed bytes, got " + packed.length);
        }
        int used = (int) ((long) bits * length % 8);
        if (used != 0 && (packed[expected - 1] & 0xFF) >>> used != 0) {
            throw new IllegalArgumentException("padding bits of the last packed byte must be zero");
        }
        if (!(Float.isFinite(step) && step > 0)) {
            throw new IllegalArgumentException("KV step must be finite and > 0, got " + step);
        }
    }

    /** The fixed zero point z = 2^(bits-1): the code of 0.0. */
    public int zeroPoint() {
        return 1 << (bits - 1);
    }

    /** Unsigned code i, in [0, 2^bits). */
    public int code(int i) {
        Objects.checkIndex(i, length);
        return KvCodePacking.unpack(packed, bits, i);
    }

    /** Restored value i: (float) (code - z) * step, in float. */
    public float value(int i) {
        return (float) (code(i) - zeroPoint()) * step;
    }

    /** Writes the {@code length} restored values to {@code out[offset...]}. */
    public void dequantize(float[] out, int offset) {
        Objects.checkFromIndexSize(offset, length, out.length);
        int z = zeroPoint();
        for (int i = 0; i < length; i++) {
            out[offset + i] = (float) (KvCodePacking.unpack(packed, bits, i) - z) * step;
        }
    }

    /** The restored values. */
    public float[] dequantize() {
        float[] out = new float[length];
        dequantize(out, 0);
        return out;
    }

    /** Stored size: packed codes plus the fp32 step (e.g. 48 + 4 bytes for 128 values at 3 bits). */
    public int storageBytes() {
        return packed.length + SCALE_BYTES;
    }
}
