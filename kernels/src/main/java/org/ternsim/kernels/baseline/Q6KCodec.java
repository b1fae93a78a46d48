// Q6_K: 256-value super-blocks of 16 sub-blocks, 6-bit codes, int8 sub-block scales, fp16 super-block scale.
package org.ternsim.kernels.baseline;

/**
 * ggml's reference quantizer {@code quantize_row_q6_K_ref} (no importance matrix) and {@code dequantize_row_q6_K}.
 *
 * <p>Per sub-block of 16 a scale comes from {@code make_qx_quants(16, 32, x, L, rmse_type = 1, NULL)}: a search over
 * 19 candidate inverse scales -(32 + 0.1 is) / max weighted by x^2. The super-block scale is d = fp16(max_scale /
 * -128), scales are min(127, nearest_int(-128 / max_scale * scale)), and the codes are requantized against
 * fp16(d) * scale. Sub-blocks whose scale is 0 keep the codes from the search, as in ggml.
 *
 * <p>Byte-exact with ggml built without floating-point contraction: the float sums are written here unfused, in C's
 * left-to-right order. A build that contracts {@code sumlx += w*x*l} into FMAs (GCC's default for -march with FMA) can
 * pick a different scale in rare near-ties; dequantization does not depend on that.
 */
final class Q6KCodec implements RowCodec {

    /** ggml's GROUP_MAX_EPS: below it a group counts as all zero. */
    private static final float GROUP_MAX_EPS = 1e-15f;

    private final byte[] levels = new byte[256];
    private final float[] scales = new float[16];
    private final byte[] codes = new byte[256];

    @Override
    public void quantize(float[] x, int xOff, int k, byte[] dst, int dstOff) {
        for (int b = 0; b < k / 256; b++) {
            quantizeBlock(x, xOff + 256 * b, dst, dstOff + 210 * b);
        }
    }

    private void quantizeBlock(float[] x, int in, byte[] dst, int out) {
        float maxScale = 0f;
        float maxAbsScale = 0f;
        for (int ib = 0; ib < 16; ib++) {
            float scale = makeQxQuants(x, in + 16 * ib, 16 * ib);
            scales[ib] = scale;
            if (Math.abs(scale) > maxAbsScale) {
                maxAbsScale = Math.abs(scale);
                maxScale = scale;
            }
        }
        java.util.Arrays.fill(dst, out, out + 210, (byte) 0);
        if (maxAbsScale < GROUP_MAX_EPS) {
            return; // ggml: memset 0 and d = fp16(0) = 0
        }
        float iscale = -128f / maxScale;
        LittleEndian.putF16(dst, out + 208, 1 / iscale);
        float d = LittleEndian.f16(dst, out + 208);
        for (int ib = 0; ib < 16; ib++) {
            dst[out + 192 + ib] = (byte) Math.min(127, CRounding.nearestInt(iscale * scales[ib]));
        }
        for (int j = 0; j < 16; j++) {
            float dj = d * dst[out + 192 + j];
            if (dj == 0f) {
                continue;
            }
            for (int ii = 0; ii < 16; ii++) {
                int l = CRounding.nearestInt(x[in + 16 * j + ii] / dj);
                levels[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
            }
        }
        for (int half = 0; half < 2; half++) {
            int ql = out + 64 * half;
            int qh = out + 128 + 32 * half;
            int j = 128 * half;
            for (int l = 0; l < 32; l++) {
                int q1 = levels[j + l];
                int q2 = levels[j + l + 32];
                int q3 = levels[j + l + 64];
                int q4 = levels[j + l + 96];
                dst[ql + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
                dst[ql + l + 32] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
                dst[qh + l] = (byte) ((q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
            }
        }
    }

    /** make_qx_quants(n = 16, nmax = 32, rmse_type = 1, qw = NULL); writes levels l + 32 and returns the scale. */
    private float makeQxQuants(float[] x, int in, int lOff) {
        final int n = 16;
        final int nmax = 32;
        float max = 0f;
        float amax = 0f;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[in + i]);
            if (ax > amax) {
                amax = ax;
                max = x[in + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            java.util.Arrays.fill(levels, lOff, lOff + n, (byte) 0);
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0f;
        float suml2 = 0f;
        for (int i = 0; i < n; i++) {
            int l = clampLevel(CRounding.nearestInt(iscale * x[in + i]), nmax);
            levels[lOff + i] = (byte) (l + nmax);
            float w = x[in + i] * x[in + i];
            sumlx += w * x[in + i] * l;
            suml2 += w * l * l;
        }
        float scale = suml2 != 0f ? sumlx / suml2 : 0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0f;
            suml2 = 0f;
            for (int i = 0; i < n; i++) {
                int l = clampLevel(CRounding.nearestInt(iscale * x[in + i]), nmax);
                float w = x[in + i] * x[in + i];
                sumlx += w * x[in + i] * l;
                suml2 += w * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; i++) {
                    levels[lOff + i] = (byte) (nmax + clampLevel(CRounding.nearestInt(iscale * x[in + i]), nmax));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    private static int clampLevel(int l, int nmax) {
        return Math.max(-nmax, Math.min(nmax - 1, l));
    }

    @Override
    public void dequantize(byte[] src, int srcOff, int k, float[] y, int yOff) {
        for (int b = 0; b < k / 256; b++) {
            int in = srcOff + 210 * b;
            float d = LittleEndian.f16(src, in + 208);
            BlockCodes.q6K(src, in, codes);
            for (int i = 0; i < 256; i++) {
                y[yOff + 256 * b + i] = d * BlockCodes.q6KScale(src, in, i / 16) * codes[i];
            }
        }
    }
}
