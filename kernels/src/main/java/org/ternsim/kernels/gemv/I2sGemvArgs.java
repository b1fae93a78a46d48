// Argument checks shared by the I2_S GEMV implementations, so they fail with the same messages.
package org.ternsim.kernels.gemv;

import java.util.Objects;
import org.ternsim.kernels.format.I2sWeights;

final class I2sGemvArgs {

    private I2sGemvArgs() {
    }

    static void checkRow(I2sWeights w, int row, byte[] codes) {
        Objects.checkIndex(row, w.rows());
        checkCodes(w, codes);
    }

    static void checkGemv(I2sWeights w, byte[] codes, float[] y) {
        checkCodes(w, codes);
        if (y.length != w.rows()) {
            throw new IllegalArgumentException("GEMV output needs " + w.rows() + " elements (one per row), got "
                    + y.length);
        }
    }

    private static void checkCodes(I2sWeights w, byte[] codes) {
        Objects.requireNonNull(codes, "codes");
        if (codes.length != w.cols()) {
            throw new IllegalArgumentException("GEMV activations need K = " + w.cols() + " codes, got "
                    + codes.length);
        }
    }
}
