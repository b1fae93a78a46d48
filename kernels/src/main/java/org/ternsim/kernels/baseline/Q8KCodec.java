// Q8_K: the activation type of the K-quant and TQ dot products; fp32 scale, int8 codes, int16 sums per 16 values.
package org.ternsim.kernels.baseline;

/**
 * {@code quantize_row_q8_K_ref}: max = the first value of largest magnitude (signed); iscale = -127 / max;
 * q = min(127, nearest_int(iscale * x)) (ties to even); bsums[j] = sum of q over values 16j..16j+15; d = 1 / iscale
 * stored as fp32. An all-zero block gets d = 0 and q = 0; ggml leaves its bsums unwritten, here they are 0.
 * {@code dequantize_row_q8_K}: y = d * q.
 */
final class Q8KCodec implements RowCodec {

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = xOff + 256 * b;
            int out = dstOff + 292 * b;
            java.util.Arrays.fill(dst, out, out + 292, (byte) 0);
            float max = 0f;
            float amax = 0f;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[in + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[in + j];
                }
            }
            if (amax == 0f) {
                continue;
            }
            float iscale = -127f / max;
            for (int j = 0; j < 256; j++) {
                dst[out + 4 + j] = (byte) Math.min(127, CRounding.nearestInt(iscale * x[in + j]));
            }
            for (int j = 0; j < 16; j++) {
                int sum = 0;
                for (int ii = 0; ii < 16; ii++) {
                    sum += dst[out + 4 + 16 * j + ii];
                }
                LittleEndian.put16(dst, out + 260 + 2 * j, sum);
            }
            LittleEndian.putF32(dst, out, 1 / iscale);
        }
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = srcOff + 292 * b;
            float d = LittleEndian.f32(src, in);
            for (int j = 0; j < 256; j++) {
                y[yOff + 256 * b + j] = d * src[in + 4 + j];
            }
        }
    }
}
