// Q2_K: 256-value super-blocks of 16 sub-blocks, 2-bit codes with a 4-bit scale and a 4-bit min per sub-block.
package org.ternsim.kernels.baseline;

/**
 * ggml's reference quantizer {@code quantize_row_q2_K_reference} (no importance matrix) and
 * {@code dequantize_row_q2_K}. Block: uint8 scales[16] (scale in the low nibble, min in the high), uint8 qs[64],
 * fp16 d, fp16 dmin; value v = d * (scales[v / 16] & 15) * code - dmin * (scales[v / 16] >> 4).
 *
 * <p>Per sub-block of 16, {@code make_qkx2_quants(16, 3, x, |x|, L, &min, Laux, -0.5, 0.1, 15, use_mad = true)}
 * fits a scale and a min: a first fit from the range, then 16 candidate inverse scales (3 - 0.5 + 0.1 is) / range,
 * each solved for scale and min by weighted least squares and kept when its weighted absolute error is smaller. The
 * block stores d = fp16(max scale / 15), dmin = fp16(max min / 15), the 4-bit indices nearest to each, and codes
 * requantized against them. Float sums are unfused, in C's order, as ggml built without contraction computes them.
 */
final class Q2KCodec implements RowCodec {

    private static final int BLOCK_BYTES = 84;
    private static final float Q4_SCALE = 15f;

    private final byte[] levels = new byte[256];
    private final byte[] candidate = new byte[16];
    private final float[] weights = new float[16];
    private final float[] scales = new float[16];
    private final float[] mins = new float[16];
    private final byte[] codes = new byte[256];

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 256; b++) {
            quantizeBlock(x, xOff + 256 * b, dst, dstOff + BLOCK_BYTES * b);
        }
    }

    private void quantizeBlock(float[] x, int in, byte[] dst, int out) {
        java.util.Arrays.fill(dst, out, out + BLOCK_BYTES, (byte) 0);
        float maxScale = 0f;
        float maxMin = 0f;
        for (int j = 0; j < 16; j++) {
            for (int l = 0; l < 16; l++) {
                weights[l] = Math.abs(x[in + 16 * j + l]);
            }
            scales[j] = makeQkx2Quants(x, in + 16 * j, 16 * j, j);
            maxScale = Math.max(maxScale, scales[j]);
            maxMin = Math.max(maxMin, mins[j]);
        }
        if (maxScale > 0) {
            float iscale = Q4_SCALE / maxScale;
            for (int j = 0; j < 16; j++) {
                dst[out + j] = (byte) CRounding.nearestInt(iscale * scales[j]);
            }
            LittleEndian.putF16(dst, out + 80, maxScale / Q4_SCALE);
        }
        if (maxMin > 0) {
            float iscale = Q4_SCALE / maxMin;
            for (int j = 0; j < 16; j++) {
                dst[out + j] |= (byte) (CRounding.nearestInt(iscale * mins[j]) << 4);
            }
            LittleEndian.putF16(dst, out + 82, maxMin / Q4_SCALE);
        }
        float d = LittleEndian.f16(dst, out + 80);
        float dmin = LittleEndian.f16(dst, out + 82);
        for (int j = 0; j < 16; j++) {
            int sc = dst[out + j] & 0xFF;
            float dj = d * (sc & 0xF);
            if (dj == 0f) {
                continue;
            }
            float mj = dmin * (sc >>> 4);
            for (int ii = 0; ii < 16; ii++) {
                int l = CRounding.nearestInt((x[in + 16 * j + ii] + mj) / dj);
                levels[16 * j + ii] = (byte) Math.max(0, Math.min(3, l));
            }
        }
        for (int half = 0; half < 2; half++) {
            for (int l = 0; l < 32; l++) {
                int v = 128 * half + l;
                dst[out + 16 + 32 * half + l] = (byte) (levels[v] | levels[v + 32] << 2 | levels[v + 64] << 4
                        | levels[v + 96] << 6);
            }
        }
    }

    /**
     * make_qkx2_quants(n = 16, nmax = 3, weights = |x|, rmin = -0.5, rdelta = 0.1, nstep = 15, use_mad = true):
     * writes the sub-block's levels from {@code lOff}, mins[j] = -min, and returns the scale.
     */
    private float makeQkx2Quants(float[] x, int in, int lOff, int j) {
        final int n = 16;
        final int nmax = 3;
        float min = x[in];
        float max = x[in];
        float sumW = weights[0];
        float sumX = sumW * x[in];
        for (int i = 1; i < n; i++) {
            if (x[in + i] < min) {
                min = x[in + i];
            }
            if (x[in + i] > max) {
                max = x[in + i];
            }
            float w = weights[i];
            sumW += w;
            sumX += w * x[in + i];
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            java.util.Arrays.fill(levels, lOff, lOff + n, (byte) 0);
            mins[j] = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestMad = 0f;
        for (int i = 0; i < n; i++) {
            int l = Math.max(0, Math.min(nmax, CRounding.nearestInt(iscale * (x[in + i] - min))));
            levels[lOff + i] = (byte) l;
            float diff = Math.abs(scale * l + min - x[in + i]);
            bestMad += weights[i] * diff;
        }
        for (int is = 0; is <= 15; is++) {
            iscale = (-0.5f + 0.1f * is + nmax) / (max - min);
            float sumL = 0f;
            float sumL2 = 0f;
            float sumXl = 0f;
            for (int i = 0; i < n; i++) {
                int l = Math.max(0, Math.min(nmax, CRounding.nearestInt(iscale * (x[in + i] - min))));
                candidate[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXl += w * l * x[in + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXl - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXl) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXl / sumL2;
                }
                float mad = 0f;
                for (int i = 0; i < n; i++) {
                    float diff = Math.abs(thisScale * candidate[i] + thisMin - x[in + i]);
                    mad += weights[i] * diff;
                }
                if (mad < bestMad) {
                    System.arraycopy(candidate, 0, levels, lOff, n);
                    bestMad = mad;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        mins[j] = -min;
        return scale;
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = srcOff + BLOCK_BYTES * b;
            float d = LittleEndian.f16(src, in + 80);
            float dmin = LittleEndian.f16(src, in + 82);
            BlockCodes.q2K(src, in, codes);
            for (int i = 0; i < 256; i++) {
                int sc = BlockCodes.q2KScales(src, in, i / 16);
                float dl = d * (sc & 0xF);
                float ml = dmin * (sc >>> 4);
                y[yOff + 256 * b + i] = dl * codes[i] - ml;
            }
        }
    }
}
