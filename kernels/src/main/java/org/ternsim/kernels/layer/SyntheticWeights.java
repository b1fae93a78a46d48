// Seeded synthetic weights at real widths: Gaussian floats quantized the way BitNet checkpoints are.
package org.ternsim.kernels.layer;

import java.util.stream.IntStream;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryQuantizer;

/**
 * Every value is the one a {@code java.util.SplittableRandom(seed)} draws in index order (Box-Muller, two draws per
 * value). That generator is a counter through a mixing function (SplitMix64: the k-th {@code nextLong} is
 * mix64(seed + k * gamma)), so value i's two draws can be made without the draws before them: large tensors are
 * filled in parallel chunks, and the values do not depend on the number of threads. {@code SyntheticWeightsTest}
 * checks the stream against the JDK's class.
 */
public final class SyntheticWeights {

    /** SplittableRandom's gamma for a generator made from a seed (its GOLDEN_GAMMA). */
    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** Values per parallel task: small enough to spread a layer over the cores, large enough to cost nothing to split. */
    private static final int CHUNK = 1 << 16;

    private SyntheticWeights() {
    }

    /** A rows x cols ternary tensor: N(0, 1) weights, absmean-quantized, packed as x86 I2_S. */
    public static I2sWeights ternary(int rows, int cols, long seed) {
        float[] w = gaussian(Math.multiplyExact(rows, cols), 1f, seed);
        return I2sPacker.pack(TernaryQuantizer.absmean(w, rows, cols), I2sLayout.X86_128);
    }

    /** RMSNorm weights near one, as trained norms are. */
    public static float[] norm(int n, long seed) {
        float[] w = gaussian(n, 1f, seed);
        for (int i = 0; i < n; i++) {
            w[i] = 1f + 0.1f * w[i];
        }
        return w;
    }

    /** A vector of N(0, sigma^2) values, e.g. a residual-stream state. */
    public static float[] gaussian(int n, float sigma, long seed) {
        float[] x = new float[n];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            // value i takes draws 2i + 1 and 2i + 2 of the stream; the state after draw k is seed + k * gamma
            long state = seed + 2L * from * GAMMA;
            for (int i = from; i < to; i++) {
                long first = mix64(state += GAMMA);
                long second = mix64(state += GAMMA);
                // sigma * g is g itself for sigma = 1 (an exact product), as before this was parallel
                x[i] = sigma * boxMuller(unit(first), unit(second));
            }
        });
        return x;
    }

    /** SplitMix64's finaliser, as SplittableRandom applies it to each state. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A draw as {@code nextDouble()} makes it: the top 53 bits as a fraction of 1. */
    private static double unit(long draw) {
        return (draw >>> 11) * 0x1.0p-53;
    }

    /** Box-Muller with a fixed draw order, so results do not depend on library internals. */
    static float boxMuller(double firstDraw, double secondDraw) {
        double u1 = 1.0 - firstDraw;
        return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * secondDraw));
    }
}
