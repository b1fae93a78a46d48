// The reference I2_S GEMM: one scalar GEMV per token, which is the definition the fast kernel must match.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.quant.Int8Activations;

/** Scalar reference: N independent {@link ScalarI2sGemv} calls. */
public final class ScalarI2sGemm implements I2sGemm {

    private final ScalarI2sGemv gemv = new ScalarI2sGemv();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(I2sWeights w, Int8Activations[] tokens, float[][] y) {
        GemmArgs.check(w, tokens.length, lengths(tokens), y);
        for (int t = 0; t < tokens.length; t++) {
            gemv.gemv(w, tokens[t], y[t]);
        }
    }

    static int[] lengths(Int8Activations[] tokens) {
        int[] lengths = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            lengths[t] = tokens[t].codes().length;
        }
        return lengths;
    }
}
