// Hand-computed Top-K masks: the K rule, tie order, the value-versus-code selection, and random-row properties.
package org.ternsim.kernels.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKSparsifierTest {

    @Test
    void keepCountRoundsUpOnTheDecimalFraction() {
        assertEquals(3, TopKSparsifier.keepCount(0.5, 5));
        assertEquals(1280, TopKSparsifier.keepCount(0.5, 2560));
        assertEquals(3, TopKSparsifier.keepCount(0.1, 30)); // binary 0.1 * 30 = 3.0000000000000004 would give 4
        assertEquals(1, TopKSparsifier.keepCount(0.01, 1));
        assertEquals(7, TopKSparsifier.keepCount(1.0, 7));
        assertEquals(0, TopKSparsifier.keepCount(0.5, 0));
        assertEquals(1, TopKSparsifier.keepCount(Double.MIN_VALUE, 6912));
    }

    @Test
    void rejectsFractionsOutsideTheHalfOpenUnitInterval() {
        for (double bad : new double[] {0, -0.5, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TopKSparsifier.keepCount(bad, 4));
            assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        }
    }

    @Test
    void byCodeKeepsLargestMagnitudesAndBreaksTiesByLowerIndex() {
        Int8Activations a = Int8Activations.of(new byte[] {5, -7, 7, 0, -5, 3}, 2f);
        TopKSelection s = TopKSparsifier.byCode(a, 0.5);
        assertArrayEquals(new byte[] {5, -7, 7, 0, 0, 0}, s.activations().codes()); // 5 at index 0 beats -5 at 4
        assertArrayEquals(new boolean[] {true, true, true, false, false, false}, s.kept());
        assertEquals(3, s.keptCount());
        assertEquals(5, s.activations().sum());
        assertEquals(2f, s.activations().scale());
    }

    @Test
    void byCodeHandlesInt8Extremes() {
        Int8Activations a = Int8Activations.of(new byte[] {127, -128, 1, -128}, 1f);
        TopKSelection s = TopKSparsifier.byCode(a, 0.5);
        assertArrayEquals(new byte[] {0, -128, 0, -128}, s.activations().codes());
        assertEquals(-256, s.activations().sum());
    }

    @Test
    void byValueFollowsTheFloatsWhereCodesTie() {
        // s = 1: 2.9 and 3.1 both quantize to 3. a4.8 selects on |x|, so 3.1 wins; on codes, index 1 wins.
        float[] x = {127f, 2.9f, 3.1f};
        Int8Activations a = Int8Quantizer.absmaxI2s(x);
        assertArrayEquals(new byte[] {127, 3, 3}, a.codes());
        assertArrayEquals(new byte[] {127, 0, 3}, TopKSparsifier.byValue(x, 0, a, 0.5).activations().codes());
        assertArrayEquals(new byte[] {127, 3, 0}, TopKSparsifier.byCode(a, 0.5).activations().codes());
    }

    @Test
    void byValueTiesGoToTheLowerIndexAndSignedZerosAreEqual() {
        float[] x = {-0.0f, 2f, -2f, 0.0f, 1f};
        TopKSelection s = TopKSparsifier.byValue(x, 0, Int8Quantizer.absmaxI2s(x), 0.8);
        assertArrayEquals(new boolean[] {true, true, true, false, true}, s.kept());
        assertEquals(4, s.keptCount());
    }

    @Test
    void allZeroRowKeepsTheFirstKEntries() {
        float[] x = new float[5];
        TopKSelection byValue = TopKSparsifier.byValue(x, 0, Int8Quantizer.absmaxI2s(x), 0.5);
        TopKSelection byCode = TopKSparsifier.byCode(Int8Quantizer.absmaxI2s(x), 0.5);
        boolean[] firstThree = {true, true, true, false, false};
        assertArrayEquals(firstThree, byValue.kept());
        assertArrayEquals(firstThree, byCode.kept());
        assertEquals(0, byCode.activations().sum());
    }

    @Test
    void singleEntryAndFullFractionKeepEverything() {
        float[] x = {-4f};
        assertArrayEquals(new byte[] {-127}, TopKSparsifier.a48WoInput(x, 0, 1).activations().codes());
        Int8Activations a = Int8Activations.of(new byte[] {1, -2, 3}, 1f);
        assertArrayEquals(a.codes(), TopKSparsifier.byCode(a, 1.0).activations().codes());
    }

    @Test
    void a48WoInputUsesTheUnmaskedScaleAndTheSlice() {
        float[] batch = {99f, 0.5f, -1f, 0.25f, 0.75f, 99f};
        TopKSelection s = TopKSparsifier.a48WoInput(batch, 1, 4);
        assertEquals(127f, s.activations().scale()); // 127 / amax with amax = 1 from the whole, unmasked slice
        // Codes {64, -127, 32, 95}; the two largest |x| are -1 and 0.75.
        assertArrayEquals(new byte[] {0, -127, 0, 95}, s.activations().codes());
        assertEquals(-32, s.activations().sum());
    }

    @Test
    void rejectsMismatchedRowsAndNonFiniteValues() {
        Int8Activations a = Int8Activations.of(new byte[] {1, 2, 3}, 1f);
        assertThrows(IndexOutOfBoundsException.class, () -> TopKSparsifier.byValue(new float[4], 2, a, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> TopKSparsifier.byValue(new float[] {1f, Float.NaN, 0f}, 0, a, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new TopKSelection(a, new boolean[] {true, true, false}, 2)); // code 3 is not masked
    }

    @Property(tries = 300)
    void byValueKeepsExactlyKOfTheLargest(
            @ForAll @Size(min = 1, max = 80) List<@FloatRange(min = -100f, max = 100f) Float> xs,
            @ForAll @DoubleRange(min = 0.01, max = 1.0) double fraction) {
        float[] x = toArray(xs);
        Int8Activations a = Int8Quantizer.absmaxI2s(x);
        TopKSelection s = TopKSparsifier.byValue(x, 0, a, fraction);
        assertEquals(TopKSparsifier.keepCount(fraction, x.length), s.keptCount());
        float minKept = Float.POSITIVE_INFINITY;
        float maxDropped = -1f;
        for (int k = 0; k < x.length; k++) {
            if (s.kept()[k]) {
                minKept = Math.min(minKept, Math.abs(x[k]));
                assertEquals(a.codes()[k], s.activations().codes()[k]);
            } else {
                maxDropped = Math.max(maxDropped, Math.abs(x[k]));
            }
        }
        assertTrue(minKept >= maxDropped);
    }

    @Property(tries = 300)
    void byCodeKeepsExactlyKOfTheLargestCodes(
            @ForAll @Size(min = 1, max = 80) List<@FloatRange(min = -100f, max = 100f) Float> xs,
            @ForAll @DoubleRange(min = 0.01, max = 1.0) double fraction) {
        Int8Activations a = Int8Quantizer.absmaxI2s(toArray(xs));
        TopKSelection s = TopKSparsifier.byCode(a, fraction);
        assertEquals(TopKSparsifier.keepCount(fraction, xs.size()), s.keptCount());
        int minKept = 999;
        int maxDropped = -1;
        for (int k = 0; k < xs.size(); k++) {
            int m = Math.abs(a.codes()[k]);
            if (s.kept()[k]) {
                minKept = Math.min(minKept, m);
            } else {
                maxDropped = Math.max(maxDropped, m);
            }
        }
        assertTrue(minKept >= maxDropped);
        // Among entries at the threshold magnitude, the kept ones come first.
        for (int k = 0; k < xs.size(); k++) {
            if (Math.abs(a.codes()[k]) == minKept && minKept == maxDropped) {
                if (!s.kept()[k]) {
                    for (int j = k + 1; j < xs.size(); j++) {
                        assertTrue(!(s.kept()[j] && Math.abs(a.codes()[j]) == minKept), "tie kept after a drop");
                    }
                    break;
                }
            }
        }
    }

    private static float[] toArray(List<Float> xs) {
        float[] x = new float[xs.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = xs.get(k);
        }
        return x;
    }
}
