// Test helpers for FLUX blocks: seeded token rows, deep copies and the NaN-insensitive bit comparison.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FluxBits {

    private FluxBits() {
    }

    /** tokens rows of N(0, 1) values, row t seeded with seed + t. */
    static float[][] rows(int tokens, int width, long seed) {
        float[][] x = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            x[t] = SyntheticWeights.gaussian(width, 1f, seed + t);
        }
        return x;
    }

    static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            c[t] = x[t].clone();
        }
        return c;
    }

    /** Same raw bits everywhere, any NaN equal to any NaN (package conventions). */
    static void assertSameBits(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, what + " row " + t);
            for (int i = 0; i < expected[t].length; i++) {
                float e = expected[t][i];
                float a = actual[t][i];
                if (Float.isNaN(e) || Float.isNaN(a)) {
                    assertTrue(Float.isNaN(e) && Float.isNaN(a), what + " token " + t + " value " + i + ": " + e
                            + " vs " + a);
                } else {
                    assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(a), what + " token " + t
                            + " value " + i + ": " + e + " vs " + a);
                }
            }
        }
    }

    /** Every value finite, and the rows differ from before by a non-trivial amount. */
    static void assertFiniteAndChanged(float[][] before, float[][] after, String what) {
        double change = 0;
        for (int t = 0; t < after.length; t++) {
            for (int i = 0; i < after[t].length; i++) {
                assertTrue(Float.isFinite(after[t][i]), what + " token " + t + " value " + i + " is " + after[t][i]);
                change += Math.abs(after[t][i] - before[t][i]);
            }
            assertTrue(change > 0, what + " token " + t + " unchanged");
            change = 0;
        }
    }
}
