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

    /** Sets {@code y[row]} for every row of {@code w}; {@code y.length} must equal the row count. */
    default void gemv(I2sWeights w, Int8Activations x, float[] y) {
        I2sGemvArgs.checkGemv(w, x.codes(), y);
        for (int row = 0; row < w.rows(); row++) {
            y[row] = I2sEpilogue.output(dotRaw(w, row, x.codes()), x.sum(), x.scale(), w.scale());
        }
    }
}
