// The one float epilogue of the T-MAC GEMV, shared by every implementation so outputs agree bit for bit.
package org.ternsim.kernels.tmac;

/**
 * Turns a row's integer group sums into its output. S_b[j] is the exact sum of the int8 lookups of plane b over
 * activation group j. Per group (T-MAC {@code tbl_g4_int8_float_update_impl}, {@code lut_fma}): plane 0 gets the
 * bias, p0 = fma((float) S_0[j], lut_scale[j], lut_bias[j]) ({@code _mm256_fmadd_ps}); plane 1 does not,
 * p1 = (float) S_1[j] * lut_scale[j] ({@code _mm256_mul_ps}). T-MAC then accumulates c_b = fma(p_b, w_scale, c_b)
 * over its kfactor calls; here c_b is that sum of fma(p_b[j], w_scale, .) in the package's canonical order
 * ({@link LaneSum}, term = activation group j). Finally y = 0.5f * c_0 + c_1: the planes weighted by T-MAC's alphas
 * {1/2, 1} ({@code get_bits_alphas}); the plane-0 bias times 1/2 is the -1/2 sum a of the code offset.
 *
 * <p>(float) S is exact: |S| <= 127 K / 4 < 2^24 for K <= {@link TmacShapes#MAX_COLS}.
 */
public final class TmacEpilogue {

    private TmacEpilogue() {
    }

    /** y of one row from its plane sums {@code s0[j]}, {@code s1[j]}, j over the activation groups. */
    public static float output(int[] s0, int[] s1, TmacLut lut, float weightScale) {
        return output(s0, s1, lut, weightScale, new LaneSum());
    }

    static float output(int[] s0, int[] s1, TmacLut lut, float weightScale, LaneSum sum) {
        float[] scales = lut.scales();
        float[] biases = lut.biases();
        sum.reset();
        for (int j = 0; j < scales.length; j++) {
            sum.addProduct(Math.fma((float) s0[j], scales[j], biases[j]), weightScale);
        }
        float c0 = sum.result();
        sum.reset();
        for (int j = 0; j < scales.length; j++) {
            sum.addProduct((float) s1[j] * scales[j], weightScale);
        }
        float c1 = sum.result();
        return 0.5f * c0 + c1;
    }
}
