// Argument checks shared by the GEMM implementations, so they fail with the same messages.
package org.ternsim.kernels.gemm;

import java.util.Objects;
import org.ternsim.kernels.format.I2sWeights;

final class GemmArgs {

    private GemmArgs() {
    }

    /** Checks N tokens of K values each against y[N][M]. */
    static void check(I2sWeights w, int tokens, int[] lengths, float[][] y) {
        Objects.requireNonNull(y, "y");
        if (y.length != tokens) {
            throw new IllegalArgumentException("GEMM output needs one row per token (" + tokens + "), got "
                    + y.length);
        }
        for (int t = 0; t < tokens; t++) {
            if (lengths[t] != w.cols()) {
                throw new IllegalArgumentException("GEMM token " + t + " needs K = " + w.cols() + " values, got "
                        + lengths[t]);
            }
            Objects.requireNonNull(y[t], "y[" + t + "]");
            if (y[t].length != w.rows()) {
                throw new IllegalArgumentException("GEMM output row " + t + " needs " + w.rows()
                        + " elements (one per weight row), got " + y[t].length);
            }
        }
    }
}
