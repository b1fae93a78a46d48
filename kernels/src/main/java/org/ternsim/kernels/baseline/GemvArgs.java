// Argument checks shared by the baseline GEMV implementations, so they fail with the same messages.
package org.ternsim.kernels.baseline;

import java.util.Objects;

final class GemvArgs {

    private GemvArgs() {
    }

    static void check(BlockTensor w, BlockTensor x, float[] y) {
        check(w, x);
        if (y.length != w.rows()) {
            throw new IllegalArgumentException("GEMV output needs " + w.rows() + " elements (one per row), got "
                    + y.length);
        }
    }

    static void check(BlockTensor w, int row, BlockTensor x) {
        check(w, x);
        Objects.checkIndex(row, w.rows());
    }

    private static void check(BlockTensor w, BlockTensor x) {
        BlockFormat expected = w.type().activationType();
        if (x.type() != expected) {
            throw new IllegalArgumentException(w.type().kernelName() + " weights need " + expected.kernelName()
                    + " activations, got " + x.type().kernelName());
        }
        if (x.rows() != 1 || x.cols() != w.cols()) {
            throw new IllegalArgumentException("GEMV activations must be one row of K = " + w.cols() + ", got "
                    + x.rows() + " x " + x.cols());
        }
    }
}
