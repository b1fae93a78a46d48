// TQ2_0: 256 ternary values per block at 2 bits (code t + 1), fp16 scale d = amax.
package org.ternsim.kernels.baseline;

/**
 * {@code quantize_row_tq2_0_ref}: d = max |x|; t = lroundf(x / d) (half away from zero, via id = 1 / d);
 * value 4j + 32n + m (j in {0, 32}, n < 4, m < 32) goes to bits 2n of qs[j + m] as t + 1. {@code dequantize_row_tq2_0}:
 * y = (float) (code - 1) * fp16(d).
 */
final class Tq2_0Codec implements RowCodec {

    private final byte[] codes = new byte[256];

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = xOff + 256 * b;
            int out = dstOff + 66 * b;
            float id = inverseAmax(x, in, dst, out + 64);
            for (int j = 0; j < 64; j += 32) {
                for (int m = 0; m < 32; m++) {
                    int q = 0;
                    for (int n = 0; n < 4; n++) {
                        int xi = CRounding.roundHalfAway(x[in + 4 * j + 32 * n + m] * id) + 1;
                        q += (xi & 3) << (2 * n);
                    }
                    dst[out + j + m] = (byte) q;
                }
            }
        }
    }

    /** Stores fp16(d = amax) at {@code dOff} and returns id = d != 0 ? 1 / d : 0 (unrounded d, as ggml). */
    static float inverseAmax(float[] x, int in, byte[] dst, int dOff) {
        float amax = 0f;
        for (int j = 0; j < 256; j++) {
            amax = Math.max(amax, Math.abs(x[in + j]));
        }
        LittleEndian.putF16(dst, dOff, amax);
        return amax != 0f ? 1.0f / amax : 0f;
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = srcOff + 66 * b;
            float d = LittleEndian.f16(src, in + 64);
            BlockCodes.tq2_0(src, in, codes);
            for (int i = 0; i < 256; i++) {
                y[yOff + 256 * b + i] = (float) codes[i] * d;
            }
        }
    }
}
