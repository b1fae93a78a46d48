// Seeded synthetic FLUX weights: uniform random trits (no float tensor to quantize) and small biases.
package org.ternsim.kernels.layer;

import java.util.SplittableRandom;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryQuantizer;

/**
 * Why uniform trits rather than absmean-quantized Gaussians ({@link SyntheticWeights#ternary}): a FLUX block holds up
 * to 340 M weights, and drawing and quantizing that many floats takes seconds per tensor. 1.58-bit FLUX published no
 * weights and no quantizer (workloads.md §8), so nothing is lost by drawing the trits directly.
 *
 * <p>Scale: every tensor gets the per-tensor scale {@value #WEIGHT_SCALE} (GPT-2's init standard deviation), so a
 * weight is -0.02, 0 or +0.02 and its RMS is 0.02 * sqrt(2/3) = 0.016. A Linear over K unit-variance inputs then has
 * outputs of standard deviation about 0.016 * sqrt(K): 0.9 at K = 3072, 2.0 at K = 15360 — finite and far from
 * overflow, which is all a functional simulation needs.
 */
public final class FluxSyntheticWeights {

    /** Per-tensor weight scale of every synthetic ternary Linear. */
    public static final float WEIGHT_SCALE = 0.02f;
    /** Standard deviation of synthetic biases. */
    public static final float BIAS_SIGMA = 0.02f;

    /** 3^19, the largest power of three below 2^31: one nextInt gives 19 independent uniform trits. */
    private static final int TRITS_PER_DRAW = 19;
    private static final int POW3_19 = 1_162_261_467;

    private FluxSyntheticWeights() {
    }

    /** A rows x cols tensor of uniform trits in {-1, 0, +1} with scale {@link #WEIGHT_SCALE}, packed as x86 I2_S. */
    public static I2sWeights ternary(int rows, int cols, long seed) {
        byte[] trits = uniformTrits(Math.multiplyExact(rows, cols), seed);
        return I2sPacker.pack(TernaryQuantizer.fromTrits(trits, rows, cols, WEIGHT_SCALE), I2sLayout.X86_128);
    }

    /** n trits, each -1, 0 or +1 with probability 1/3: the base-3 digits of uniform draws below 3^19. */
    static byte[] uniformTrits(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] trits = new byte[n];
        int i = 0;
        while (i < n) {
            int r = rnd.nextInt(POW3_19);
            for (int d = 0; d < TRITS_PER_DRAW && i < n; d++, i++) {
                trits[i] = (byte) (r % 3 - 1);
                r /= 3;
            }
        }
        return trits;
    }

    /** A bias vector of N(0, {@link #BIAS_SIGMA}^2) values. */
    public static float[] bias(int n, long seed) {
        return SyntheticWeights.gaussian(n, BIAS_SIGMA, seed);
    }
}
