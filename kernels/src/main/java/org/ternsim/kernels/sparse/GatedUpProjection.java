// BitNet a4.8's gate-skipped up-projection: rows of W_up are evaluated only where ReLU^2(gate) is non-zero.
package org.ternsim.kernels.sparse;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sEpilogue;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int8Activations;

/**
 * In a ReLU^2-gated FFN the product relu(g)^2 * u is zero wherever the gate is, so u need not be computed there.
 * This skips those rows (their output is +0.0, which the gating multiplies away) instead of multiplying by zero.
 */
public final class GatedUpProjection {

    private GatedUpProjection() {
    }

    /**
     * @param gate the activated gate output relu(g)^2, length M; rows where it is exactly zero are skipped
     * @return rows skipped out of M
     */
    public static SparseGemv.Skipped apply(I2sGemv gemv, I2sWeights up, Int8Activations x, float[] gate, float[] y) {
        return apply(gemv, up, x.codes(), x.sum(), x.scale(), gate, y);
    }

    /** The same for int4 activations (BitNet a4.8 quantizes the up-projection's input to int4). */
    public static SparseGemv.Skipped apply(I2sGemv gemv, I2sWeights up, Int4Activations x, float[] gate, float[] y) {
        return apply(gemv, up, x.codes(), x.sum(), x.scale(), gate, y);
    }

    /**
     * @param codes activation codes (int8, or int4 one per byte: both fit the I2_S dot product)
     * @param sum   the sum of the codes
     * @param scale the activation scale s (x * s gives the codes)
     */
    static SparseGemv.Skipped apply(I2sGemv gemv, I2sWeights up, byte[] codes, int sum, float scale, float[] gate,
            float[] y) {
        if (gate.length != up.rows() || y.length != up.rows()) {
            throw new IllegalArgumentException("gated up-projection of " + up.rows() + " rows got a gate of "
                + gate.length + " and " + y.length + " outputs");
        }
        int[] active = new int[up.rows()];
        int count = 0;
        for (int row = 0; row < up.rows(); row++) {
            if (gate[row] == 0f) {
                y[row] = 0f;
            } else {
                active[count++] = row;
            }
        }
        int[] raw = new int[count];
        gemv.rowsRaw(up, codes, active, count, raw);
        for (int i = 0; i < count; i++) {
            y[active[i]] = I2sEpilogue.output(raw[i], sum, scale, up.scale());
        }
        int skipped = up.rows() - count;
        return new SparseGemv.Skipped(skipped, up.rows());
    }
}
