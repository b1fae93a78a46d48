// Ternary x 16-bit float GEMV (FLUX W1.58A16): I2_S weights times one token of F16/BF16 activations, float accumulation.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.format.I2sWeights;

/**
 * W1.58A16 GEMV. Activations are converted to float exactly ({@link A16Format}); for each row, with trits
 * t = c - 1 in {-1, 0, +1} as floats, lane L = k mod 16 accumulates {@code acc = Math.fma(t_k, x_k, acc)} in increasing
 * k from +0.0f, the lanes meet in {@link CanonicalSum#tree}, and y = sum * w_scale ({@link CanonicalSum#output}).
 *
 * <p>Why fma rather than add/sub: it is one IEEE operation on both sides (scalar {@code Math.fma}, vector
 * {@code lanewise(FMA)}), so scalar and vector agree without a select; for t = +-1 it rounds exactly like acc +- x, and
 * for t = 0 it is acc + (+-0), which keeps acc except that 0 * inf = NaN, so an infinite activation poisons every row
 * that reads it, zero weight or not, as a dense 16-bit matmul of the dequantised weights would.
 */
public interface TernaryA16Gemv {

    /** Identifies the implementation in run metadata. */
    String name();

    /** Sets {@code y[row]} for every row of {@code w}. */
    void gemv(I2sWeights w, A16Activations x, float[] y);

    /** The selected implementation (Vector API unless unavailable or forced off). */
    static TernaryA16Gemv selected() {
        return KernelProvider.select(TernaryA16Gemv.class, "org.ternsim.kernels.gemv.PanamaTernaryA16Gemv",
                ScalarTernaryA16Gemv::new);
    }
}
