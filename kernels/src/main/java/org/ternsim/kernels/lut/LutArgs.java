// Argument checks shared by the LUT kernel implementations, so they fail with the same messages.
package org.ternsim.kernels.lut;

import java.util.Objects;

final class LutArgs {

    private LutArgs() {
    }

    static void checkRow(int rows, int cols, int row, byte[] codes) {
        Objects.checkIndex(row, rows);
        checkCodes(cols, codes);
    }

    static void checkGemv(int rows, int cols, byte[] codes, float[] y) {
        checkCodes(cols, codes);
        Objects.requireNonNull(y, "y");
        if (y.length != rows) {
            throw new IllegalArgumentException("GEMV output needs " + rows + " elements (one per row), got " + y.length);
        }
    }

    private static void checkCodes(int cols, byte[] codes) {
        Objects.requireNonNull(codes, "codes");
        if (codes.length != cols) {
            throw new IllegalArgumentException("GEMV activations need K = " + cols + " codes, got " + codes.length);
        }
    }
}
