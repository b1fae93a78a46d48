// Ternary x INT4 GEMV (BitNet a4.8): I2_S weights times one token of signed 4-bit codes, exact in int32.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.KernelProvider;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int4Activations;

/**
 * a4.8 GEMV: raw = sum c*q over I2_S codes c = t + 1 and int4 codes q in [-8, 7], exact int32, then the I2_S epilogue
 * y = ((float) raw - (float) sum q) / s * w_scale ({@link I2sEpilogue}). Int4 codes are int8 codes of a smaller range,
 * so the I2_S kernels compute raw unchanged; this family exists so callers cannot mix up the two activation types.
 */
public interface I2sInt4Gemv {

    /** Identifies the implementation in run metadata. */
    String name();

    /** Sets {@code y[row]} for every row of {@code w}. */
    void gemv(I2sWeights w, Int4Activations x, float[] y);

    /** The selected implementation (Vector API unless unavailable or forced off). */
    static I2sInt4Gemv selected() {
        return KernelProvider.select(I2sInt4Gemv.class, "org.ternsim.kernels.gemv.PanamaI2sInt4Gemv",
                ScalarI2sInt4Gemv::new);
    }
}
