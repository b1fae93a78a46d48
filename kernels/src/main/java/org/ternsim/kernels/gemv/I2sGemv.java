// The I2_S matrix-vector kernel: ternary weights in I2_S format times one row of int8 activations.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * I2_S GEMV. Every implementation returns the same int32 {@link #dotRaw} and, through {@link I2sEpilogue}, the same
 * float outputs bit for bit.
 */
public interface I2sGemv {

    /** The selected implementation for this JVM (Vector API or scalar), shared and stateless. */
    static I2sGemv selected() {
        return KernelProvider.select(I2sGemv.class, "org.ternsim.kernels.gemv.PanamaI2sGemv", ScalarI2sGemv::new);
    }

    /** The selected kernels for run metadata, e.g. {@code panama/256-bit} or {@code scalar}. */
    static String describe() {
        return selected().name();
    }

    /** Identifies the implementation in run metadata, e.g. {@code scalar} or {@code panama/256-bit}. */
    String name();

    /**
     * The exact int32 sum over k of c_k * q_k, where c = t + 1 in {0, 1, 2} is the stored code (not the trit).
     *
     * @param codes int8 activation codes, length K
     */
    int dotRaw(I2sWeights w, int row, byte[] codes);

    /**
     * The raw sums of rows {@code rows[0 .. count)} only, into {@code raw[0 .. count)}: for kernels that skip rows
     * (a4.8's gate-skipped up-projection). The default calls {@link #dotRaw} per row; implementations that prepare
     * the activations override it to prepare them once.
     */
    default void rowsRaw(I2sWeights w, byte[] codes, int[] rows, int count, int[] raw) {
        for (int i = 0; i < count; i++) {
            raw[i] = dotRaw(w, rows[i], codes);
        }
    }

    /** Sets {@code y[row]} for every row of {@code w}; {@code y.length} must equal the row count. */
    default void gemv(I2sWeights w, Int8Activations x, float[] y) {
        I2sGemvArgs.checkGemv(w, x.codes(), y);
        for (int row = 0; row < w.rows(); row++) {
            y[row] = I2sEpilogue.output(dotRaw(w, row, x.codes()), x.sum(), x.scale(), w.scale());
        }
    }
}
