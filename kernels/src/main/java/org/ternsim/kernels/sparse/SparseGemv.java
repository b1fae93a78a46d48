// Activation-sparse ternary GEMV (BitNet a4.8's Top-K Wo input, ReLU^2 Wdown input): zero activations cost nothing.
package org.ternsim.kernels.sparse;

import org.ternsim.kernels.gemv.I2sEpilogue;
import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * y = W x over the non-zero activations only: for each column k with q_k != 0, acc[m] += c[m][k] * q_k. The int32
 * sums equal the dense I2_S raw sums (a zero activation adds nothing to Σ c·q nor to Σ q), and the I2_S epilogue
 * gives the same output bits as the dense kernel.
 */
public interface SparseGemv {

    String name();

    /** Fills {@code y} (length M) and reports how many columns were skipped. */
    Skipped gemv(ColumnTernaryWeights w, Int8Activations x, float[] y);

    /** Work skipped by a sparse kernel: {@code skipped} of {@code total} columns (or rows). */
    record Skipped(int skipped, int total) {
        public double fraction() {
            return total == 0 ? 0 : (double) skipped / total;
        }
    }

    static SparseGemv selected() {
        return KernelProvider.select(SparseGemv.class, "org.ternsim.kernels.sparse.PanamaSparseGemv",
            ScalarSparseGemv::new);
    }

    static void check(ColumnTernaryWeights w, Int8Activations x, float[] y) {
        if (x.codes().length != w.cols() || y.length != w.rows()) {
            throw new IllegalArgumentException("sparse GEMV of " + w.rows() + "x" + w.cols() + " got " + x.codes().length
                + " activations and " + y.length + " outputs");
        }
    }

    static void epilogue(int[] acc, ColumnTernaryWeights w, Int8Activations x, float[] y) {
        for (int m = 0; m < w.rows(); m++) {
            y[m] = I2sEpilogue.output(acc[m], x.sum(), x.scale(), w.scale());
        }
    }
}
