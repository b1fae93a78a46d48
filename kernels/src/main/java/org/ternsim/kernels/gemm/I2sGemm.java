// The I2_S matrix-matrix kernel (prefill): ternary weights in I2_S format times N tokens of int8 activations.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * I2_S GEMM. y[t][row] is, bit for bit, what {@link org.ternsim.kernels.gemv.I2sGemv#gemv} gives for token t: the
 * exact int32 sum c*q and the same {@link org.ternsim.kernels.gemv.I2sEpilogue}.
 */
public interface I2sGemm {

    /** Identifies the implementation in run metadata. */
    String name();

    /** Sets y[t][row] for every token t and weight row; y is N x M. */
    void gemm(I2sWeights w, Int8Activations[] tokens, float[][] y);

    /** The selected implementation (Vector API unless unavailable or forced off), with the x86 default tiling. */
    static I2sGemm selected() {
        return KernelProvider.select(I2sGemm.class, "org.ternsim.kernels.gemm.PanamaI2sGemm", ScalarI2sGemm::new);
    }
}
