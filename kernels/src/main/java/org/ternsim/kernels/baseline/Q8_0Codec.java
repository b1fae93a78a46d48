// Q8_0: 32 values per block, fp16 scale d = amax / 127, q = roundf(x / d).
package org.ternsim.kernels.baseline;

/**
 * {@code quantize_row_q8_0_ref}: amax = max |x|; d = amax / 127; id = d != 0 ? 1 / d : 0; q = roundf(x * id) (half
 * away from zero, with the unrounded id); d stored as fp16. {@code dequantize_row_q8_0}: y = q * fp16(d). Also the
 * activation quantizer of the Q4_0 and Q8_0 dot products.
 */
final class Q8_0Codec implements RowCodec {

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 32; b++) {
            int in = xOff + 32 * b;
            int out = dstOff + 34 * b;
            float amax = 0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[in + j]));
            }
            float d = amax / 127;
            float id = d != 0f ? 1.0f / d : 0f;
            LittleEndian.putF16(dst, out, d);
            for (int j = 0; j < 32; j++) {
                dst[out + 2 + j] = (byte) CRounding.roundHalfAway(x[in + j] * id);
            }
        }
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 32; b++) {
            int in = srcOff + 34 * b;
            float d = LittleEndian.f16(src, in);
            for (int j = 0; j < 32; j++) {
                y[yOff + 32 * b + j] = src[in + 2 + j] * d;
            }
        }
    }
}
