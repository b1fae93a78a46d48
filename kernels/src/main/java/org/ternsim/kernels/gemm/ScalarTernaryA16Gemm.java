// The reference W1.58A16 GEMM: one scalar W1.58A16 GEMV per token.
package org.ternsim.kernels.gemm;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.ScalarTernaryA16Gemv;

/** Scalar reference: N independent {@link ScalarTernaryA16Gemv} calls. */
public final class ScalarTernaryA16Gemm implements TernaryA16Gemm {

    private final ScalarTernaryA16Gemv gemv = new ScalarTernaryA16Gemv();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(I2sWeights w, A16Activations[] tokens, float[][] y) {
        GemmArgs.check(w, tokens.length, lengths(tokens), y);
        for (int t = 0; t < tokens.length; t++) {
            gemv.gemv(w, tokens[t], y[t]);
        }
    }

    static int[] lengths(A16Activations[] tokens) {
        int[] lengths = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            lengths[t] = tokens[t].bits().length;
        }
        return lengths;
    }
}
