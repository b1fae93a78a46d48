// Hand-computed cases for the a4.8 / v2 absmean int4 quantizer: the scale formula, half-even ties, both clip ends.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Int4QuantizerTest {

    @Test
    void scaleIsSqrt7OverMeanPlusEps() {
        // beta = 1.5; s = 2.6457513f / 1.50001f = 1.7638224f; 1 * s -> 2, 2 * s = 3.53 -> 4.
        Int4Activations a = Int4Quantizer.absmean(new float[] {1f, -1f, 2f, -2f});
        assertEquals(1.7638224f, a.scale());
        assertArrayEquals(new byte[] {2, -2, 4, -4}, a.codes());
        assertEquals(0, a.sum());
    }

    @Test
    void exactTiesRoundHalfToEven() {
        // Rows found by search so that x * s is exactly k + 0.5 in float.
        Int4Activations down = Int4Quantizer.absmean(new float[] {13.6015625f, 15.1875f});
        assertEquals(0.18380241f, down.scale());
        assertEquals(2.5f, 13.6015625f * down.scale());
        assertArrayEquals(new byte[] {2, 3}, down.codes()); // 2.5 -> 2, 2.79 -> 3
        Int4Activations up = Int4Quantizer.absmean(new float[] {9.7421875f, 24.625f});
        assertEquals(1.5f, 9.7421875f * up.scale());
        assertArrayEquals(new byte[] {2, 4}, up.codes()); // 1.5 -> 2, 3.79 -> 4
        assertEquals(6, up.sum());
    }

    @Test
    void outliersHitBothClipEnds() {
        // beta = 22 / 8 = 2.75: the outliers give about +-21 code steps and clip; -8 does occur, unlike int8's -128.
        float[] x = {10f, -10f, 0.5f, -0.5f, 0.25f, -0.25f, 0.25f, -0.25f};
        Int4Activations a = Int4Quantizer.absmean(x);
        assertEquals(7, a.codes()[0]);
        assertEquals(-8, a.codes()[1]);
        assertArrayEquals(new byte[6], Arrays.copyOfRange(a.codes(), 2, 8)); // 0.5 * s = 0.48 -> 0
        assertEquals(-1, a.sum());
    }

    @Test
    void allZeroRowHasFiniteScaleAndZeroCodes() {
        Int4Activations a = Int4Quantizer.absmean(new float[5]);
        assertEquals(264575.12f, a.scale()); // sqrt(7) / 1e-5 in float
        assertArrayEquals(new byte[5], a.codes());
        assertEquals(0, a.sum());
        assertEquals(264575.12f, Int4Quantizer.absmean(new float[0]).scale());
    }

    @Test
    void singleValueRowMapsToThree() {
        // n = 1: beta = |x|, so x * s ~ sqrt(7) ~ 2.65 -> 3, whatever the magnitude, down to the eps regime.
        assertEquals(-3, Int4Quantizer.absmean(new float[] {-1e-3f}).codes()[0]);
        assertEquals(3, Int4Quantizer.absmean(new float[] {42f}).codes()[0]);
        assertEquals(3, Int4Quantizer.absmean(new float[] {Float.MAX_VALUE}).codes()[0]);
        assertEquals(-3, Int4Quantizer.absmean(new float[] {-Float.MAX_VALUE}).codes()[0]);
        // Near eps the additive eps shows: 1e-5 / 2e-5 * 2.65 = 1.32 -> 1.
        assertEquals(1, Int4Quantizer.absmean(new float[] {1e-5f}).codes()[0]);
    }

    @Test
    void hugeRowsKeepAPositiveScale() {
        Int4Activations a = Int4Quantizer.absmean(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 0f});
        assertTrue(a.scale() > 0);
        assertArrayEquals(new byte[] {4, -4, 0}, a.codes()); // beta = 2/3 max, so max * s = 1.5 sqrt(7) = 3.97
    }

    @Test
    void offsetOverloadQuantizesOnlyTheSlice() {
        float[] batch = {100f, 1f, -1f, 2f, -2f, -100f};
        Int4Activations a = Int4Quantizer.absmean(batch, 1, 4);
        assertArrayEquals(new byte[] {2, -2, 4, -4}, a.codes());
        assertEquals(1.7638224f, a.scale());
        assertThrows(IndexOutOfBoundsException.class, () -> Int4Quantizer.absmean(batch, 4, 3));
    }

    @Test
    void rejectsNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> Int4Quantizer.absmean(new float[] {1f, Float.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> Int4Quantizer.absmean(new float[] {Float.NEGATIVE_INFINITY}));
        assertThrows(NullPointerException.class, () -> Int4Quantizer.absmean(null));
    }

    @Property(tries = 300)
    void codesMatchTheDefinition(@ForAll @Size(min = 1, max = 64) List<@FloatRange(min = -1e4f, max = 1e4f) Float> xs) {
        float[] x = new float[xs.size()];
        double sumAbs = 0;
        for (int k = 0; k < x.length; k++) {
            x[k] = xs.get(k);
            sumAbs += Math.abs(x[k]);
        }
        float s = (float) Math.sqrt(7) / ((float) (sumAbs / x.length) + 1e-5f);
        Int4Activations a = Int4Quantizer.absmean(x);
        assertEquals(s, a.scale());
        int sum = 0;
        for (int k = 0; k < x.length; k++) {
            int q = (int) Math.max(-8, Math.min(7, Math.rint(x[k] * s)));
            assertEquals(q, a.codes()[k]);
            sum += q;
        }
        assertEquals(sum, a.sum());
    }
}
