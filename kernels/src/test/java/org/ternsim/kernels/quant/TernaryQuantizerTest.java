// Hand-computed cases for absmean ternary quantization: half-even ties, the mean floor, clamping, validation.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TernaryQuantizerTest {

    @Test
    void tiesRoundHalfToEven() {
        // mean |W| = (0.5 + 0.5 + 1.5 + 1.5) / 4 = 1, so s = 1 and W*s = W.
        TernaryWeights t = TernaryQuantizer.absmean(new float[] {0.5f, -0.5f, 1.5f, -1.5f}, 2, 2);
        assertArrayEquals(new byte[] {0, 0, 1, -1}, t.trits()); // rint(0.5) = 0, rint(1.5) = 2 -> clamp 1
        assertEquals(1.0f, t.scale());
    }

    @Test
    void clampsLargeWeightsToOne() {
        // mean = (10 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1) / 8 = 1.3375; 10 * s = 7.47 -> 7 -> clamp 1.
        float[] w = {10f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, -10f};
        TernaryWeights t = TernaryQuantizer.absmean(w, 1, 8);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, -1}, t.trits());
    }

    @Test
    void allZeroTensorUsesTheMeanFloor() {
        TernaryWeights t = TernaryQuantizer.absmean(new float[6], 2, 3);
        assertArrayEquals(new byte[6], t.trits());
        assertEquals(1.0f / (1.0f / 1e-5f), t.scale());
    }

    @Test
    void precisionIsDoubleSumFloatMeanFloatScale() {
        float[] w = {0.3f, -0.7f, 0.11f, 0.0f, -0.2f, 0.9f};
        double sum = 0;
        for (float v : w) {
            sum += Math.abs(v);
        }
        float s = 1.0f / (float) (sum / w.length);
        TernaryWeights t = TernaryQuantizer.absmean(w, 3, 2);
        for (int i = 0; i < w.length; i++) {
            assertEquals((byte) Math.max(-1, Math.min(1, Math.rint(w[i] * s))), t.trits()[i], "index " + i);
        }
        assertEquals(1.0f / s, t.scale());
    }

    @Test
    void fromTritsKeepsTritsAndScale() {
        byte[] trits = {-1, 0, 1, 1};
        TernaryWeights t = TernaryQuantizer.fromTrits(trits, 2, 2, 0.25f);
        assertEquals(2, t.rows());
        assertEquals(0.25f, t.scale());
        assertArrayEquals(trits, t.trits());
    }

    @Test
    void rejectsInvalidInput() {
        assertThrows(IllegalArgumentException.class, () -> TernaryQuantizer.absmean(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> TernaryQuantizer.absmean(new float[] {Float.NaN}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TernaryWeights(0, 1, new byte[0], 1f));
        assertThrows(IllegalArgumentException.class, () -> new TernaryWeights(1, 1, new byte[1], Float.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TernaryQuantizer.fromTrits(new byte[] {0, 2, 0, 0}, 2, 2, 1f));
        assertTrue(e.getMessage().contains("row 0, col 1 is 2"), e.getMessage());
    }
}
