// Runs a LUT kernel's GEMM as one GEMV per token, each with its own tables, as bitnet.cpp and T-MAC do for a batch.
package org.ternsim.kernels.lut;

import java.util.function.IntConsumer;

public final class PerTokenGemm {

    private PerTokenGemm() {
    }

    /** Calls {@code tokenGemv} for tokens 0..n-1 after checking there is one output row per token. */
    public static void run(int tokens, float[][] y, IntConsumer tokenGemv) {
        if (tokens != y.length) {
            throw new IllegalArgumentException("GEMM needs one output row per token: " + tokens + " tokens, "
                    + y.length + " outputs");
        }
        for (int t = 0; t < tokens; t++) {
            tokenGemv.accept(t);
        }
    }
}
