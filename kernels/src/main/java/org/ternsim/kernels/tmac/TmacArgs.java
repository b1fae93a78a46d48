// Argument checks shared by the T-MAC kernel implementations, so they fail with the same messages.
package org.ternsim.kernels.tmac;

import java.util.Objects;

final class TmacArgs {

    private TmacArgs() {
    }

    static void checkGemv(TmacWeights w, TmacLut lut, float[] y) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(lut, "lut");
        Objects.requireNonNull(y, "y");
        if (lut.cols() != w.cols()) {
            throw new IllegalArgumentException("T-MAC tables are for K = " + lut.cols() + ", weights have K = "
                    + w.cols());
        }
        if (y.length != w.rows()) {
            throw new IllegalArgumentException("GEMV output needs " + w.rows() + " elements (one per row), got "
                    + y.length);
        }
    }
}
