// Test data for the T-MAC tests: random and constant trits and activations, and bit-exact output comparison.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ternsim.kernels.quant.IntWeights;
import org.ternsim.kernels.quant.TernaryWeights;

final class TmacFixtures {

    /** Vector widths every Panama test runs at, whatever the host prefers. */
    static final List<Integer> BITS = List.of(128, 256, 512);
    static final int[] AWKWARD = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000, 2560, 6912};

    private TmacFixtures() {
    }

    /** The valid K (a positive multiple of {@code actGroup}) nearest to {@code size}, ties upward. */
    static int nearestValid(int size, int actGroup) {
        return Math.max(actGroup, (int) Math.round(size / (double) actGroup) * actGroup);
    }

    static TernaryWeights randomTrits(Random random, int rows, int cols) {
        byte[] trits = new byte[rows * cols];
        for (int i = 0; i < trits.length; i++) {
            trits[i] = (byte) (random.nextInt(3) - 1);
        }
        return new TernaryWeights(rows, cols, trits, 0.5f + random.nextFloat());
    }

    /** Uniform int{@code bits} values, both ends of the range included. */
    static IntWeights randomInts(Random random, int rows, int cols, int bits) {
        byte[] values = new byte[rows * cols];
        int min = IntWeights.min(bits);
        for (int i = 0; i < values.length; i++) {
            values[i] = (byte) (min + random.nextInt(-2 * min));
        }
        return new IntWeights(rows, cols, bits, values, 0.5f + random.nextFloat());
    }

    static TernaryWeights constantTrits(int rows, int cols, int trit) {
        byte[] trits = new byte[rows * cols];
        Arrays.fill(trits, (byte) trit);
        return new TernaryWeights(rows, cols, trits, 0.0625f);
    }

    /** Standard normal activations, as a BitLinear input after RMSNorm roughly is. */
    static float[] gaussian(Random random, int cols) {
        float[] x = new float[cols];
        for (int k = 0; k < cols; k++) {
            x[k] = (float) random.nextGaussian();
        }
        return x;
    }

    static float[] constant(int cols, float value) {
        float[] x = new float[cols];
        Arrays.fill(x, value);
        return x;
    }

    /** Runs scalar and Panama at every width on the same tables and asserts identical output bits. */
    static float[] assertPanamaMatches(TmacWeights w, TmacLut lut, String what) {
        float[] expected = new float[w.rows()];
        new ScalarTmacGemv().gemv(w, lut, expected);
        for (int bits : BITS) {
            float[] actual = new float[w.rows()];
            new PanamaTmacGemv(bits).gemv(w, lut, actual);
            for (int row = 0; row < w.rows(); row++) {
                assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                        bits + "-bit " + what + " row " + row + ": " + expected[row] + " vs " + actual[row]);
            }
        }
        return expected;
    }

    /**
     * {@link #assertPanamaMatches} on every awkward K (as the nearest valid width) at each of {@code rows}, skipping
     * cases of more than {@code maxValues} weights beyond one row; {@code weights} makes a rows x cols matrix.
     */
    static void assertPanamaMatchesOnAwkwardShapes(Random random, int[] rows, long maxValues,
            java.util.function.BiFunction<Integer, Integer, TmacWeights> weights, String what) {
        for (int size : AWKWARD) {
            int cols = nearestValid(size, 64);
            for (int m : rows) {
                if (m > 1 && (long) m * cols > maxValues) {
                    continue;
                }
                TmacWeights w = weights.apply(m, cols);
                assertPanamaMatches(w, TmacTables.build(gaussian(random, cols)), what + m + "x" + cols);
            }
        }
    }

    /** One activation of +1 or -1 per group of four, the rest 0: every table entry is +-127, quantized without loss. */
    static float[] oneSignPerGroup(Random random, int cols) {
        float[] x = new float[cols];
        for (int k = 0; k < cols; k += TmacShapes.G) {
            x[k + random.nextInt(TmacShapes.G)] = random.nextBoolean() ? 1f : -1f;
        }
        return x;
    }
}
