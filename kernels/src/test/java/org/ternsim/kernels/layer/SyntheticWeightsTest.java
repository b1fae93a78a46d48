// Synthetic weights drawn in parallel chunks are the values a SplittableRandom draws one after another.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.quant.TernaryQuantizer;
import org.ternsim.kernels.quant.TernaryWeights;

class SyntheticWeightsTest {

    /** The draws in index order from the JDK's generator, as the values were made before they were made in parallel. */
    private static float[] sequential(int n, float sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = sigma * SyntheticWeights.boxMuller(rnd.nextDouble(), rnd.nextDouble());
        }
        return x;
    }

    @Test
    void parallelChunksDrawTheSplittableRandomStream() {
        // several 65,536-value chunks and a partial one; seeds of either sign and the extremes
        for (long seed : new long[] {0, 1, 7, -3, Long.MAX_VALUE, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            float[] expected = sequential(200_003, 1f, seed);
            assertArrayEquals(expected, SyntheticWeights.gaussian(200_003, 1f, seed), "seed " + seed);
        }
        assertArrayEquals(sequential(70_000, 0.37f, 5), SyntheticWeights.gaussian(70_000, 0.37f, 5));
        assertArrayEquals(sequential(3, 2f, 11), SyntheticWeights.gaussian(3, 2f, 11));
        assertEquals(0, SyntheticWeights.gaussian(0, 1f, 1).length);
    }

    @Test
    void normsAndTernaryTensorsAreBuiltFromTheSameStream() {
        float[] g = sequential(2560, 1f, 4);
        float[] norm = SyntheticWeights.norm(2560, 4);
        for (int i = 0; i < g.length; i++) {
            assertEquals(Float.floatToRawIntBits(1f + 0.1f * g[i]), Float.floatToRawIntBits(norm[i]), "norm " + i);
        }
        I2sWeights expected = I2sPacker.pack(TernaryQuantizer.absmean(sequential(64 * 2560, 1f, 9), 64, 2560),
            I2sLayout.X86_128);
        I2sWeights actual = SyntheticWeights.ternary(64, 2560, 9);
        assertArrayEquals(expected.data(), actual.data());
        assertEquals(Float.floatToRawIntBits(expected.scale()), Float.floatToRawIntBits(actual.scale()));
    }

    /**
     * Drawn twice (sum, then trits) for tensors too large to hold as floats: the same trits and scale as holding them,
     * over more than one 4 M-value batch of the sum and a partial one, and for a tensor smaller than a chunk.
     */
    @Test
    void tensorsDrawnTwiceEqualTheHeldOnes() {
        for (int[] shape : new int[][] {{2050, 2560}, {3, 7}}) {
            TernaryWeights held = TernaryQuantizer.absmean(sequential(shape[0] * shape[1], 1f, 13), shape[0], shape[1]);
            TernaryWeights twice = SyntheticWeights.drawnTwice(shape[0], shape[1], 13);
            assertArrayEquals(held.trits(), twice.trits(), shape[0] + "x" + shape[1]);
            assertEquals(Float.floatToRawIntBits(held.scale()), Float.floatToRawIntBits(twice.scale()));
            assertArrayEquals(held.trits(), SyntheticWeights.absmeanTernary(shape[0], shape[1], 13).trits());
        }
    }
}
