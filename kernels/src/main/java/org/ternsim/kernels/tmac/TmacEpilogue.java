// The one float epilogue of the T-MAC GEMV, shared by every implementation so outputs agree bit for bit.
package org.ternsim.kernels.tmac;

/**
 * Turns a row's integer group sums into its output. S_i[j] is the exact sum of the int8 lookups of plane i over
 * activation group j. Per group (T-MAC {@code tbl_g4_int8_float_update_impl}, {@code lut_fma}): plane 0 gets the
 * bias, p0 = fma((float) S_0[j], lut_scale[j], lut_bias[j]) ({@code _mm256_fmadd_ps}); the other planes do not,
 * p_i = (float) S_i[j] * lut_scale[j] ({@code _mm256_mul_ps}). T-MAC then accumulates c_i = fma(p_i, w_scale, c_i)
 * over its kfactor calls; here c_i is that sum of fma(p_i[j], w_scale, .) in the package's canonical order
 * ({@link LaneSum}, term = activation group j). Finally the planes are weighted by T-MAC's alphas 2^(i-1)
 * ({@link TmacShapes#alpha}) and added from plane 0 up, as qgemm.py's {@code sum([CBits[..b..] * alphas[b] for b])}:
 * y = ((0.5f * c_0 + 1f * c_1) + 2f * c_2) + 4f * c_3, each product and sum rounded to float (no fusing); with two
 * planes that is y = 0.5f * c_0 + c_1. The plane-0 bias times 1/2 is the -1/2 sum a of the code offset.
 *
 * <p>(float) S is exact: |S| <= 127 K / 4 < 2^24 for K <= {@link TmacShapes#MAX_COLS}.
 */
public final class TmacEpilogue {

    private TmacEpilogue() {
    }

    /** y of one row from its plane sums {@code sums[i][j]}: plane i (one per weight bit), activation group j. */
    public static float output(int[][] sums, TmacLut lut, float weightScale) {
        return output(sums, lut, weightScale, new LaneSum());
    }

    static float output(int[][] sums, TmacLut lut, float weightScale, LaneSum sum) {
        float y = 0f;
        for (int plane = 0; plane < sums.length; plane++) {
            float c = planeSum(sums[plane], plane == 0, lut, weightScale, sum);
            float weighted = TmacShapes.alpha(plane) * c;
            y = plane == 0 ? weighted : y + weighted;
        }
        return y;
    }

    /** c_i: the plane's scaled group sums fused with w_scale in LaneSum order; plane 0 adds lut_bias first. */
    private static float planeSum(int[] s, boolean biased, TmacLut lut, float weightScale, LaneSum sum) {
        float[] scales = lut.scales();
        float[] biases = lut.biases();
        sum.reset();
        for (int j = 0; j < scales.length; j++) {
            float p = biased ? Math.fma((float) s[j], scales[j], biases[j]) : (float) s[j] * scales[j];
            sum.addProduct(p, weightScale);
        }
        return sum.result();
    }
}
