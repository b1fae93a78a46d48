// Hand-computed cases for every NnOps operator, including the documented special values.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ternsim.kernels.nn.NnFixtures.assertSameBits;

import org.junit.jupiter.api.Test;

class ScalarNnOpsTest {

    private final NnOps ops = new ScalarNnOps();

    @Test
    void dotAndSumFollowTheCanonicalOrder() {
        assertEquals(32f, ops.dot(new float[] {1, 2, 3}, 0, new float[] {4, 5, 6}, 0, 3));
        assertSameBits(0f, ops.dot(new float[0], 0, new float[0], 0, 0), "empty dot");
        // Lanes 1 and 9 meet first in the tree (4 + 4 = 8), then 8 joins 1e8 exactly; a left-to-right sum would
        // lose both 4s to rounding (1e8 + 4 is a tie that rounds back to 1e8).
        float[] a = new float[10];
        a[0] = 1e8f;
        a[1] = 4f;
        a[9] = 4f;
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(100_000_008f, ops.dot(a, 0, ones, 0, 10));
        assertEquals(100_000_008f, ops.sum(a, 0, 10));
        float sequential = 0f;
        for (float v : a) {
            sequential += v;
        }
        assertEquals(1e8f, sequential);
    }

    @Test
    void dotFusesEachLaneStep() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: fused keeps the 2^-24 against the -1, a separate multiply drops it.
        float x = 1f + 0x1p-12f;
        float[] a = new float[17];
        float[] b = new float[17];
        a[0] = -1f;
        b[0] = 1f;
        a[16] = x;
        b[16] = x;
        assertEquals(0x1p-11f + 0x1p-24f, ops.dot(a, 0, b, 0, 17));
    }

    @Test
    void rmsNormByHand() {
        float[] out = new float[2];
        ops.rmsNorm(new float[] {3, 4}, 0, new float[] {1, 2}, 0, 0f, out, 0, 2);
        assertArrayEquals(new float[] {0.84852814f, 2.2627417f}, out, 1e-6f);
        ops.rmsNorm(new float[] {0, -0f}, 0, new float[] {1, 1}, 0, NnOps.RMS_EPS_2B4T, out, 0, 2);
        assertSameBits(new float[] {0f, -0f}, out, "zero input keeps signed zeros");
        ops.rmsNorm(new float[] {1e20f, 1f}, 0, new float[] {1, 1}, 0, NnOps.RMS_EPS_2B4T, out, 0, 2);
        assertSameBits(new float[] {0f, 0f}, out, "square sum overflow gives zeros");
        ops.rmsNorm(new float[] {Float.POSITIVE_INFINITY, 1f}, 0, new float[] {1, 1}, 0, 1e-5f, out, 0, 2);
        assertTrue(Float.isNaN(out[0]));
        assertEquals(0f, out[1]);
    }

    @Test
    void rmsNormEpsilonMatters() {
        float[] out = new float[1];
        ops.rmsNorm(new float[] {1e-3f}, 0, new float[] {1}, 0, NnOps.RMS_EPS_2B4T, out, 0, 1);
        assertEquals(1e-3 / Math.sqrt(1e-6 + 1e-5), out[0], 1e-6);
    }

    @Test
    void layerNormByHand() {
        float[] out = new float[4];
        ops.layerNorm(new float[] {1, 2, 3, 4}, 0, 0f, out, 0, 4);
        assertArrayEquals(new float[] {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f}, out, 1e-6f);
        ops.layerNorm(new float[] {5, 5, 5}, 0, NnOps.LAYER_NORM_EPS_FLUX, out, 0, 3);
        assertArrayEquals(new float[] {0f, 0f, 0f, 1.3416408f}, out, 1e-6f, "constant row is zero; rest untouched");
    }

    @Test
    void layerNormInPlaceAndWithOffsets() {
        float[] x = {9, 1, 2, 3, 4, 9};
        ops.layerNorm(x, 1, 0f, x, 1, 4);
        assertArrayEquals(new float[] {9, -1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f, 9}, x, 1e-6f);
    }

    @Test
    void reluSquaredGluByHand() {
        float[] out = new float[5];
        ops.reluSquaredGlu(new float[] {-2, 3, -0f, Float.NaN, 0f}, 0, new float[] {5, 2, 7, 1, Float.POSITIVE_INFINITY},
                0, out, 0, 5);
        assertSameBits(new float[] {0f, 18f, 0f}, java.util.Arrays.copyOf(out, 3), "relu^2 glu, -0.0 gate to +0.0");
        assertTrue(Float.isNaN(out[3]), "NaN gate");
        assertTrue(Float.isNaN(out[4]), "zero gate times infinite up");
    }

    @Test
    void swiGluByHand() {
        float[] out = new float[6];
        ops.swiGlu(new float[] {0, 1, -100, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -1}, 0,
                new float[] {3, 2, 1, 1, 1, 1}, 0, out, 0, 6);
        assertEquals(0f, out[0]);
        assertEquals(2.0 / (1 + Math.exp(-1)), out[1], 1e-6);
        assertSameBits(-0f, out[2], "exp overflow gives -0.0");
        assertTrue(Float.isNaN(out[3]), "-inf / inf");
        assertEquals(Float.POSITIVE_INFINITY, out[4]);
        assertEquals(-1.0 / (1 + Math.E), out[5], 1e-6);
    }

    @Test
    void geluByHand() {
        float[] x = {0, 1, -1, 1e20f, -1e20f, Float.NaN, -0f, 3f};
        float[] out = new float[x.length];
        ops.gelu(x, 0, out, 0, x.length);
        assertEquals(0f, out[0]);
        assertEquals(0.8411920f, out[1], 1e-6f);
        assertEquals(-0.1588080f, out[2], 1e-6f);
        assertEquals(1e20f, out[3]);
        assertSameBits(-0f, out[4], "large negative saturates to -0.0");
        assertTrue(Float.isNaN(out[5]));
        assertSameBits(-0f, out[6], "gelu(-0.0)");
        assertEquals(2.9963627f, out[7], 1e-6f);
    }

    @Test
    void adaLnByHand() {
        float[] out = new float[2];
        ops.adaLnModulate(new float[] {2, -1}, 0, new float[] {0.5f, -1f}, 0, new float[] {1, 0.25f}, 0, out, 0, 2);
        assertArrayEquals(new float[] {4f, 0.25f}, out);
    }

    @Test
    void softmaxByHand() {
        float[] x = {1, 2, 3};
        ops.softmax(x, 0, 3);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, x, 1e-7f);
        float[] y = {7f};
        ops.softmax(y, 0, 1);
        assertEquals(1f, y[0]);
        float[] masked = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY};
        ops.softmax(masked, 0, 3);
        assertSameBits(new float[] {0f, 1f, 0f}, masked, "-inf entries");
        float[] inf = {Float.POSITIVE_INFINITY, 0f};
        ops.softmax(inf, 0, 2);
        assertTrue(Float.isNaN(inf[0]) && Float.isNaN(inf[1]));
        float[] allMasked = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        ops.softmax(allMasked, 0, 2);
        assertTrue(Float.isNaN(allMasked[0]) && Float.isNaN(allMasked[1]));
        assertThrows(IllegalArgumentException.class, () -> ops.softmax(x, 0, 0));
    }

    @Test
    void softmaxIsShiftInvariantExactly() {
        // Subtracting the maximum first makes large logits safe: 1000 + {1, 2, 3} gives the same as {1, 2, 3}.
        float[] x = {1001, 1002, 1003};
        ops.softmax(x, 0, 3);
        assertArrayEquals(new float[] {0.09003057f, 0.24472847f, 0.66524096f}, x, 1e-7f);
    }

    @Test
    void weightedRowSumByHand() {
        float[] out = new float[2];
        ops.weightedRowSum(new float[] {0.25f, 0.75f}, 0, 2, new float[] {4, 8, 99, 8, 0, 99}, 0, 3, out, 0, 2);
        assertArrayEquals(new float[] {7f, 2f}, out);
        ops.weightedRowSum(new float[] {1f}, 0, 1, new float[] {-0f, 5f}, 0, 2, out, 0, 2);
        assertSameBits(new float[] {-0f, 5f}, out, "a single row is copied exactly");
    }

    @Test
    void rejectsBadRanges() {
        float[] x = new float[4];
        assertThrows(IndexOutOfBoundsException.class, () -> ops.gelu(x, 1, x, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> ops.dot(x, 0, x, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> ops.weightedRowSum(x, 0, 2, x, 0, 1, x, 0, 2));
        assertEquals("scalar", ops.name());
    }
}
