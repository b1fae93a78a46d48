// The reference W1.58A16 GEMV: 16 lane sums with Math.fma in increasing k, then the canonical tree.
package org.ternsim.kernels.gemv;

import org.ternsim.kernels.format.I2sWeights;

/** Scalar reference of {@link TernaryA16Gemv}, reading each code where the I2_S layout puts it. */
public final class ScalarTernaryA16Gemv implements TernaryA16Gemv {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemv(I2sWeights w, A16Activations x, float[] y) {
        checkGemv(w, x.bits().length, y.length);
        float[] xf = x.toFloats();
        for (int row = 0; row < w.rows(); row++) {
            y[row] = CanonicalSum.output(rowSum(w, row, xf), w.scale());
        }
    }

    /** The canonical-order sum over k of t_k * x_k for one row. */
    public static float rowSum(I2sWeights w, int row, float[] x) {
        byte[] data = w.data();
        int blockSize = w.layout().blockSize();
        int blockBytes = w.layout().bytesPerBlock();
        int rowStart = row * w.rowBytes();
        float[] lanes = new float[CanonicalSum.LANES];
        for (int k = 0; k < w.cols(); k++) {
            int j = k % blockSize;
            int packed = data[rowStart + k / blockSize * blockBytes + j % blockBytes];
            float t = ((packed >>> (6 - 2 * (j / blockBytes))) & 3) - 1;
            lanes[k % CanonicalSum.LANES] = Math.fma(t, x[k], lanes[k % CanonicalSum.LANES]);
        }
        return CanonicalSum.tree(lanes, 0);
    }

    static void checkGemv(I2sWeights w, int cols, int outputs) {
        if (cols != w.cols()) {
            throw new IllegalArgumentException("GEMV activations need K = " + w.cols() + " values, got " + cols);
        }
        if (outputs != w.rows()) {
            throw new IllegalArgumentException("GEMV output needs " + w.rows() + " elements (one per row), got "
                    + outputs);
        }
    }
}
