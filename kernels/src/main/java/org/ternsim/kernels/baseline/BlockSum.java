// The one float formula that combines exact per-block integer dot products, shared by every implementation.
package org.ternsim.kernels.baseline;

/**
 * sumf = sumf + (float) isum * (dw * da), blocks in order, starting from 0, unfused. This is ggml's generic
 * {@code ggml_vec_dot_tq1_0_q8_K}/{@code tq2_0}/{@code q6_K} formula per block; ggml's generic q4_0/q8_0 dot
 * associates as (isum * dw) * da and its SIMD paths keep 8 or 16 partial sums, so TernSim fixes this one order.
 * {@code (float) isum} rounds to nearest when |isum| exceeds 2^24 (Q6_K can), identically everywhere.
 */
final class BlockSum {

    private BlockSum() {
    }

    static float add(float sumf, int isum, float dw, float da) {
        return sumf + (float) isum * (dw * da);
    }

    /**
     * Q2_K's block, as ggml's generic {@code ggml_vec_dot_q2_K_q8_K}: sumf + ((dw * da) * isum - (dmin * da) * summs),
     * where summs is the sum over sub-blocks of the min index times the activations' sum.
     */
    static float addWithMins(float sumf, int isum, int summs, float dw, float dmin, float da) {
        return sumf + ((dw * da) * (float) isum - (dmin * da) * (float) summs);
    }
}
