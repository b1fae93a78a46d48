// The reference activation-sparse GEMV: one pass per non-zero activation, reading codes where the layout puts them.
package org.ternsim.kernels.sparse;

import org.ternsim.kernels.quant.Int8Activations;

public final class ScalarSparseGemv implements SparseGemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public Skipped gemv(ColumnTernaryWeights w, Int8Activations x, float[] y) {
        SparseGemv.check(w, x, y);
        int[] acc = new int[w.rows()];
        int skipped = 0;
        for (int k = 0; k < w.cols(); k++) {
            int q = x.codes()[k];
            if (q == 0) {
                skipped++;
                continue;
            }
            for (int m = 0; m < w.rows(); m++) {
                acc[m] += w.code(m, k) * q;
            }
        }
        SparseGemv.epilogue(acc, w, x, y);
        return new Skipped(skipped, w.cols());
    }
}
