// Ternary x INT4 GEMM (BitNet a4.8 prefill): I2_S weights times N tokens of signed 4-bit codes, exact in int32.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.quant.Int4Activations;

/** y[t][row] equals {@link org.ternsim.kernels.gemv.I2sInt4Gemv#gemv} of token t bit for bit. */
public interface I2sInt4Gemm {

    /** Identifies the implementation in run metadata. */
    String name();

    /** Sets y[t][row] for every token t and weight row; y is N x M. */
    void gemm(I2sWeights w, Int4Activations[] tokens, float[][] y);

    /** The selected implementation (Vector API unless unavailable or forced off), with the x86 default tiling. */
    static I2sInt4Gemm selected() {
        return KernelProvider.select(I2sInt4Gemm.class, "org.ternsim.kernels.gemm.PanamaI2sInt4Gemm",
                ScalarI2sInt4Gemm::new);
    }
}
