// Ternary x 16-bit float GEMM (FLUX W1.58A16 prefill/diffusion): I2_S weights times N tokens of F16/BF16 activations.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.KernelProvider;

/** y[t][row] equals {@link org.ternsim.kernels.gemv.TernaryA16Gemv#gemv} of token t bit for bit. */
public interface TernaryA16Gemm {

    /** Identifies the implementation in run metadata. */
    String name();

    /** Sets y[t][row] for every token t and weight row; y is N x M. */
    void gemm(I2sWeights w, A16Activations[] tokens, float[][] y);

    /** The selected implementation (Vector API unless unavailable or forced off), with the x86 default tiling. */
    static TernaryA16Gemm selected() {
        return KernelProvider.select(TernaryA16Gemm.class, "org.ternsim.kernels.gemm.PanamaTernaryA16Gemm",
                ScalarTernaryA16Gemm::new);
    }
}
