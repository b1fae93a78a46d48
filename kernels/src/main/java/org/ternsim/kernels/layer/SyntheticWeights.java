// Seeded synthetic weights at real widths: Gaussian floats quantized the way BitNet checkpoints are.
package org.ternsim.kernels.layer;

import java.util.SplittableRandom;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryQuantizer;

public final class SyntheticWeights {

    private SyntheticWeights() {
    }

    /** A rows x cols ternary tensor: N(0, 1) weights, absmean-quantized, packed as x86 I2_S. */
    public static I2sWeights ternary(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rnd);
        }
        return I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.X86_128);
    }

    /** RMSNorm weights near one, as trained norms are. */
    public static float[] norm(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1f + 0.1f * gaussian(rnd);
        }
        return w;
    }

    /** A vector of N(0, sigma^2) values, e.g. a residual-stream state. */
    public static float[] gaussian(int n, float sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = sigma * gaussian(rnd);
        }
        return x;
    }

    /** Box-Muller with a fixed draw order, so results do not depend on library internals. */
    static float gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
    }
}
