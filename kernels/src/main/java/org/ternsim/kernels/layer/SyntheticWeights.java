// Seeded synthetic weights at real widths: Gaussian floats quantized the way BitNet checkpoints are.
package org.ternsim.kernels.layer;

import java.util.stream.IntStream;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

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
    /** Values drawn at a time for the sum of a tensor too large to hold as floats: 16 MB. */
    private static final int BATCH = 1 << 22;

    private SyntheticWeights() {
    }

    /** A rows x cols ternary tensor: N(0, 1) weights, absmean-quantized, packed as x86 I2_S. */
    public static I2sWeights ternary(int rows, int cols, long seed) {
        return I2sPacker.pack(absmeanTernary(rows, cols, seed), I2sLayout.X86_128);
    }

    /**
     * {@code TernaryQuantizer.absmean(gaussian(rows * cols, 1, seed), rows, cols)}. Where those floats would take more
     * than a third of the heap (with the trits and the packed copies, about half of it) they are drawn twice instead of
     * held: once for the sum of |W|, added in index order as absmean adds it, and once for the trits. That takes about
     * 1.6x as long, for a quarter of the memory; the result is the same either way ({@code SyntheticWeightsTest}).
     */
    public static TernaryWeights absmeanTernary(int rows, int cols, long seed) {
        long floats = 4L * Math.multiplyExact(rows, cols);
        return floats <= Runtime.getRuntime().maxMemory() / 3
            ? TernaryQuantizer.absmean(gaussian(rows * cols, 1f, seed), rows, cols) : drawnTwice(rows, cols, seed);
    }

    /** {@link #absmeanTernary} without holding the floats. */
    static TernaryWeights drawnTwice(int rows, int cols, long seed) {
        int n = Math.multiplyExact(rows, cols);
        float[] batch = new float[Math.min(n, BATCH)];
        double sumAbs = 0;
        for (int from = 0; from < n; from += BATCH) {
            int length = Math.min(BATCH, n - from);
            fill(batch, from, length, 1f, seed);
            for (int i = 0; i < length; i++) {
                sumAbs += Math.abs(batch[i]);
            }
        }
        float s = TernaryQuantizer.inverseScale(sumAbs, n);
        byte[] trits = new byte[n];
        chunks(n).forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            long state = seed + 2L * from * GAMMA;
            for (int i = from; i < to; i++) {
                long first = mix64(state += GAMMA);
                long second = mix64(state += GAMMA);
                trits[i] = TernaryQuantizer.trit(boxMuller(unit(first), unit(second)) * s);
            }
        });
        return TernaryQuantizer.fromTrits(trits, rows, cols, 1.0f / s);
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
        fill(x, 0, n, sigma, seed);
        return x;
    }

    /** Values {@code [from, from + length)} of the stream of {@code seed}, times sigma, into {@code into[0, length)}. */
    private static void fill(float[] into, int from, int length, float sigma, long seed) {
        chunks(length).forEach(c -> {
            int start = c * CHUNK;
            int end = Math.min(length, start + CHUNK);
            // value i takes draws 2i + 1 and 2i + 2 of the stream; the state after draw k is seed + k * gamma
            long state = seed + 2L * (from + start) * GAMMA;
            for (int i = start; i < end; i++) {
                long first = mix64(state += GAMMA);
                long second = mix64(state += GAMMA);
                // sigma * g is g itself for sigma = 1 (an exact product), as before this was parallel
                into[i] = sigma * boxMuller(unit(first), unit(second));
            }
        });
    }

    /** The chunk indices of {@code n} values, in parallel when there is more than one. */
    private static IntStream chunks(int n) {
        int count = (n + CHUNK - 1) / CHUNK;
        IntStream range = IntStream.range(0, count);
        return count > 1 ? range.parallel() : range;
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
