// Shared data for the nn tests: the three vector widths, awkward sizes, random rows and special values.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

final class NnFixtures {

    /** The widths every vector test runs at, whatever the host prefers. */
    static final List<VectorSpecies<Float>> SPECIES =
            List.of(FloatVector.SPECIES_128, FloatVector.SPECIES_256, FloatVector.SPECIES_512);
    /** DESIGN's awkward sizes: below, at and above every body width and the 16-lane reduction step. */
    static final int[] SIZES = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000, 2560, 6912};
    /** Values that stress every formula: signed zeros, infinities, NaN, huge, tiny and subnormal. */
    static final float[] SPECIALS = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.MAX_VALUE, -Float.MAX_VALUE, 1e20f, -1e20f, 3e19f, Float.MIN_VALUE, -Float.MIN_NORMAL, 1e-30f, 88.8f,
        -88.8f, -100f, 20f, -20f, 1f, -1f};

    private NnFixtures() {
    }

    static List<NnOps> panamaAll() {
        return List.of(new PanamaNnOps(FloatVector.SPECIES_128), new PanamaNnOps(FloatVector.SPECIES_256),
                new PanamaNnOps(FloatVector.SPECIES_512));
    }

    static float[] gaussian(Random random, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian() * scale;
        }
        return x;
    }

    /** Random data with a special value planted every few elements, so specials land in bodies and tails. */
    static float[] withSpecials(Random random, int n, int special) {
        float[] x = gaussian(random, n, 3f);
        for (int i = special % 5; i < n; i += 7) {
            x[i] = SPECIALS[(special + i) % SPECIALS.length];
        }
        return x;
    }

    /**
     * Raw bits equal, except that any NaN equals any NaN: Java leaves NaN sign and payload open, and x86 returns
     * the payload of one operand of a commutative operation whose order the JIT may swap (see {@link NnOps}).
     */
    static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i]) && Float.isNaN(actual[i])) {
                continue;
            }
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                assertEquals(Integer.toHexString(Float.floatToRawIntBits(expected[i])),
                        Integer.toHexString(Float.floatToRawIntBits(actual[i])),
                        what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    static void assertSameBits(float expected, float actual, String what) {
        assertSameBits(new float[] {expected}, new float[] {actual}, what);
    }
}
