// Argument checks shared by the baseline GEMM implementations, so they fail with the same messages.
package org.ternsim.kernels.baseline;

import java.util.List;
import java.util.Objects;

final class GemmArgs {

    private GemmArgs() {
    }

    /** Each token as a GEMV operand of {@code w} (type, one row of K), and y as N rows of M. */
    static void check(BlockTensor w, List<BlockTensor> tokens, float[][] y) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(y, "y");
        if (y.length != tokens.size()) {
            throw new IllegalArgumentException("GEMM output needs one row per token (" + tokens.size() + "), got "
                    + y.length);
        }
        for (int t = 0; t < tokens.size(); t++) {
            BlockTensor x = Objects.requireNonNull(tokens.get(t), "tokens[" + t + "]");
            try {
                GemvArgs.check(w, 0, x);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GEMM token " + t + ": " + e.getMessage(), e);
            }
            Objects.requireNonNull(y[t], "y[" + t + "]");
            if (y[t].length != w.rows()) {
                throw new IllegalArgumentException("GEMM output row " + t + " needs " + w.rows()
                        + " elements (one per weight row), got " + y[t].length);
            }
        }
    }
}
