// The reference ternary x INT4 GEMV: the scalar I2_S dot product over int4 codes and the I2_S epilogue.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.Int4Activations;

/** Scalar reference of {@link I2sInt4Gemv}. */
public final class ScalarI2sInt4Gemv implements I2sInt4Gemv {

    private final ScalarI2sGemv i2s = new ScalarI2sGemv();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemv(I2sWeights w, Int4Activations x, float[] y) {
        I2sGemvArgs.checkGemv(w, x.codes(), y);
        for (int row = 0; row < w.rows(); row++) {
            y[row] = I2sEpilogue.output(i2s.dotRaw(w, row, x.codes()), x.sum(), x.scale(), w.scale());
        }
    }
}
