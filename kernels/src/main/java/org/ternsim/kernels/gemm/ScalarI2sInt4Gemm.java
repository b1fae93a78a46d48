// The reference ternary x INT4 GEMM: one scalar INT4 GEMV per token.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.quant.Int4Activations;

/** Scalar reference: N independent {@link ScalarI2sInt4Gemv} calls. */
public final class ScalarI2sInt4Gemm implements I2sInt4Gemm {

    private final ScalarI2sInt4Gemv gemv = new ScalarI2sInt4Gemv();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(I2sWeights w, Int4Activations[] tokens, float[][] y) {
        int[] lengths = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            lengths[t] = tokens[t].codes().length;
        }
        GemmArgs.check(w, tokens.length, lengths, y);
        for (int t = 0; t < tokens.length; t++) {
            gemv.gemv(w, tokens[t], y[t]);
        }
    }
}
