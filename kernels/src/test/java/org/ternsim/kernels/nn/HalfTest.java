// F16 conversion: exhaustive round trip of every half, named boundary values, and a nearest-half oracle on random floats.
package org.ternsim.kernels.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            assertEquals(nan, Float.isNaN(f), "NaN-ness of " + Integer.toHexString(h));
            int expected = nan ? h | 0x200 : h; // signalling NaNs come back quiet, payload kept
            assertEquals(expected, Half.fromFloat(f) & 0xFFFF, Integer.toHexString(h));
        }
    }

    @Test
    void namedValues() {
        assertEquals(0x3C00, Half.fromFloat(1f));
        assertEquals(0xC000, Half.fromFloat(-2f) & 0xFFFF);
        assertEquals(0x8000, Half.fromFloat(-0f) & 0xFFFF);
        assertEquals(0x0000, Half.fromFloat(0f));
        assertEquals(Half.MAX_VALUE, Half.fromFloat(65504f));
        assertEquals(Half.MAX_VALUE, Half.fromFloat(65519.996f), "just below the tie");
        assertEquals(Half.POSITIVE_INFINITY, Half.fromFloat(65520f), "tie rounds to even: infinity");
        assertEquals(Half.NEGATIVE_INFINITY, Half.fromFloat(-1e9f));
        assertEquals(Half.POSITIVE_INFINITY, Half.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals(0x0001, Half.fromFloat(0x1p-24f), "smallest subnormal");
        assertEquals(0x0000, Half.fromFloat(0x1p-25f), "half of it ties to even zero");
        assertEquals(0x0001, Half.fromFloat(Math.nextUp(0x1p-25f)));
        assertEquals(0x0002, Half.fromFloat(3 * 0x1p-25f), "1.5 units ties to 2");
        assertEquals(0x0400, Half.fromFloat(0x1p-14f), "smallest normal");
        assertEquals(0x03FF, Half.fromFloat(0x1p-14f - 0x1p-24f), "largest subnormal");
        assertEquals(0x0400, Half.fromFloat(0x1p-14f - 0x1p-25f), "carry from subnormal into normal");
        assertEquals(0x3C00, Half.fromFloat(1f + 0x1p-11f), "tie at 1 + half ulp stays even");
        assertEquals(0x3C02, Half.fromFloat(1f + 3 * 0x1p-11f), "tie at odd rounds up");
        assertEquals(0x0000, Half.fromFloat(Float.MIN_VALUE));
        assertEquals(0x7E00, Half.fromFloat(Float.NaN));
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.intBitsToFloat(0x7F800001)))), "low-payload NaN");
        assertEquals(65504f, Half.toFloat(Half.MAX_VALUE));
        assertEquals(0x1p-24f, Half.toFloat((short) 1));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Half.toFloat((short) 0x8000)));
    }

    @Test
    void matchesNearestHalfOracle() {
        double[] halves = positiveFiniteHalves();
        Random random = new Random(16);
        for (int t = 0; t < 200_000; t++) {
            // Exponents spread around the half range, including overflow and underflow.
            float f = Float.intBitsToFloat(random.nextInt() & 0x8000_0000
                    | (random.nextInt(48) + 127 - 28) << 23 | random.nextInt(1 << 23));
            assertEquals(oracle(halves, f), Half.fromFloat(f) & 0xFFFF, Float.toString(f));
        }
    }

    /** Halves 0x0000 .. 0x7BFF as doubles, increasing with the bit pattern. */
    private static double[] positiveFiniteHalves() {
        double[] v = new double[0x7C00];
        for (int h = 0; h < v.length; h++) {
            int e = h >> 10;
            int m = h & 0x3FF;
            v[h] = e == 0 ? m * 0x1p-24 : (1024 + m) * Math.pow(2, e - 25);
        }
        return v;
    }

    /** Nearest half by exact double distance, ties to the even pattern, overflow past 65520 to infinity. */
    private static int oracle(double[] halves, float f) {
        double a = Math.abs((double) f);
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0;
        if (a >= 65520.0) {
            return sign | 0x7C00;
        }
        int lo = 0;
        int hi = halves.length - 1;
        while (lo < hi) { // largest index with halves[index] <= a
            int mid = (lo + hi + 1) >>> 1;
            if (halves[mid] <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == halves.length - 1) {
            return sign | lo; // between 65504 and 65520
        }
        double below = a - halves[lo];
        double above = halves[lo + 1] - a;
        int pick = below < above ? lo : above < below ? lo + 1 : (lo % 2 == 0 ? lo : lo + 1);
        return sign | pick;
    }
}
