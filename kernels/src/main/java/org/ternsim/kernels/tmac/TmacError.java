// Measures the T-MAC kernel's error against the exact product of integer weights and float activations, in double.
package org.ternsim.kernels.tmac;

import java.util.Objects;
import org.ternsim.kernels.quant.IntWeights;
import org.ternsim.kernels.quant.TernaryWeights;

/** Entry point for tests and the CLI: run T-MAC on ternary or int4 weights and float activations, compare to exact. */
public final class TmacError {

    private TmacError() {
    }

    /** y_exact[r] = scale * sum_k t[r][k] * x[k], all in double (the trits and activations are exact in double). */
    public static double[] exact(TernaryWeights t, float[] x) {
        Objects.requireNonNull(t, "t");
        return exact(IntWeights.of(t), x);
    }

    /** y_exact[r] = scale * sum_k w[r][k] * x[k], all in double (the weights and activations are exact in double). */
    public static double[] exact(IntWeights t, float[] x) {
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(x, "x");
        if (x.length != t.cols()) {
            throw new IllegalArgumentException("exact GEMV needs K = " + t.cols() + " activations, got " + x.length);
        }
        double[] y = new double[t.rows()];
        byte[] values = t.values();
        for (int row = 0; row < t.rows(); row++) {
            double acc = 0;
            for (int k = 0; k < t.cols(); k++) {
                acc += values[row * t.cols() + k] * (double) x[k];
            }
            y[row] = acc * t.scale();
        }
        return y;
    }

    /** Packs {@code t}, runs {@code kernel} with {@code actGroupSize} and reports its error against {@link #exact}. */
    public static LutErrorReport measure(TernaryWeights t, float[] x, int actGroupSize, TmacGemv kernel) {
        return measure(IntWeights.of(t), x, actGroupSize, kernel);
    }

    /** As above for integer weights of {@code t.bits()} planes. */
    public static LutErrorReport measure(IntWeights t, float[] x, int actGroupSize, TmacGemv kernel) {
        float[] y = new float[t.rows()];
        kernel.gemv(TmacPacker.pack(t), x, actGroupSize, y);
        return LutErrorReport.of(exact(t, x), y);
    }

    /** As above with the selected kernel and T-MAC's default act_group_size. */
    public static LutErrorReport measure(TernaryWeights t, float[] x) {
        return measure(t, x, TmacShapes.DEFAULT_ACT_GROUP, TmacKernels.tmac());
    }
}
