// INT8 KV rows with one absmax scale per token per kv head, in the same form as the b1.58 INT8 activations.
package org.ternsim.kernels.nn;

/**
 * Symmetric INT8 per row (one token, one kv head), the DESIGN INT8 activation formula applied to a head row:
 * amax = max_i |x_i|; s = 127f / Math.max(amax, 1e-5f); q_i = clamp((int) Math.rint(x_i * s), -128, 127);
 * decoded x_i = q_i / s (one float division). Stored as s (float bits, 4 bytes little-endian) then the codes.
 * An all-zero row decodes to zeros (of positive sign). Non-finite values have no meaningful scale and are rejected.
 */
public final class Int8KvCodec implements KvRowCodec {

    /** Floor of amax, as in the INT8 activation quantizer, so a zero row gets a finite scale. */
    public static final float AMAX_FLOOR = 1e-5f;

    @Override
    public String name() {
        return "int8";
    }

    @Override
    public int bytesPerRow(int headDim) {
        return 4 + headDim;
    }

    @Override
    public void encode(float[] src, int srcOff, int headDim, byte[] dst, int dstOff) {
        float amax = 0f;
        for (int i = 0; i < headDim; i++) {
            float x = src[srcOff + i];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("the INT8 KV cache needs finite values, got " + x + " at " + i);
            }
            amax = Math.max(amax, Math.abs(x));
        }
        float s = 127f / Math.max(amax, AMAX_FLOOR);
        LittleEndian.putInt(dst, dstOff, Float.floatToRawIntBits(s));
        for (int i = 0; i < headDim; i++) {
            int q = (int) Math.rint(src[srcOff + i] * s);
            dst[dstOff + 4 + i] = (byte) Math.max(-128, Math.min(127, q));
        }
    }

    @Override
    public void decode(byte[] src, int srcOff, int headDim, float[] dst, int dstOff) {
        float s = Float.intBitsToFloat(LittleEndian.getInt(src, srcOff));
        for (int i = 0; i < headDim; i++) {
            dst[dstOff + i] = src[srcOff + 4 + i] / s;
        }
    }
}
