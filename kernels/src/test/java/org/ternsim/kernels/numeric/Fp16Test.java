// The half converter against a reference derived in double arithmetic, over all 65536 halves and random floats.
package org.ternsim.kernels.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Fp16Test {

    /** Value of half h from its definition: (-1)^s 2^(e-15) (1 + m/1024), subnormals 2^-14 m/1024. */
    static double reference(int h) {
        int sign = (h >>> 15) & 1;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        double magnitude;
        if (e == 0x1F) {
            magnitude = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (e == 0) {
            magnitude = Math.scalb(m / 1024.0, -14);
        } else {
            magnitude = Math.scalb(1 + m / 1024.0, e - 15);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** Nearest half of finite f, ties to even, by search over the positive halves in double. */
    static int referenceFromFloat(float f) {
        int sign = f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0;
        double a = Math.abs((double) f);
        if (a >= 65520.0) {
            return sign | 0x7C00;
        }
        int lo = 0;
        int hi = 0x7BFF;
        while (lo < hi) { // largest h with value(h) <= a
            int mid = (lo + hi + 1) >>> 1;
            if (reference(mid) <= a) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0x7BFF) {
            return sign | lo;
        }
        double below = a - reference(lo);
        double above = reference(lo + 1) - a;
        int h = below < above ? lo : above < below ? lo + 1 : ((lo & 1) == 0 ? lo : lo + 1);
        return sign | h;
    }

    @Test
    void everyHalfConvertsExactly() {
        for (int h = 0; h < 65536; h++) {
            double expected = reference(h);
            float actual = Fp16.toFloat(h);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(actual), Integer.toHexString(h));
                // payload kept in the top mantissa bits, sign kept
                assertEquals((h & 0x8000) << 16 | 0x7F800000 | (h & 0x3FF) << 13, Float.floatToRawIntBits(actual));
            } else {
                assertEquals(expected, (double) actual, 0.0, Integer.toHexString(h));
                assertEquals(Double.doubleToRawLongBits(expected) >>> 63, (long) (Float.floatToRawIntBits(actual) >>> 31));
            }
        }
    }

    @Test
    void everyHalfRoundTripsAndNaNsBecomeTheQuietNaN() {
        for (int h = 0; h < 65536; h++) {
            int back = Fp16.fromFloatBits(Fp16.toFloat(h));
            boolean nan = (h & 0x7C00) == 0x7C00 && (h & 0x3FF) != 0;
            assertEquals(nan ? (h & 0x8000) | 0x7E00 : h, back, Integer.toHexString(h));
        }
    }

    @Test
    void everyMidpointRoundsToEvenAndItsNeighboursToTheNearer() {
        for (int h = 0; h < 0x7BFF; h++) {
            for (int sign : new int[] {0, 0x8000}) {
                double mid = (reference(h | sign) + reference((h + 1) | sign)) / 2;
                float m = (float) mid;
                assertEquals(mid, (double) m, 0.0, "midpoints are floats");
                int even = (h & 1) == 0 ? h : h + 1;
                assertEquals(even | sign, Fp16.fromFloatBits(m), Integer.toHexString(h));
                float towardLow = sign == 0 ? Math.nextDown(m) : Math.nextUp(m);
                float towardHigh = sign == 0 ? Math.nextUp(m) : Math.nextDown(m);
                assertEquals(h | sign, Fp16.fromFloatBits(towardLow), Integer.toHexString(h));
                assertEquals((h + 1) | sign, Fp16.fromFloatBits(towardHigh), Integer.toHexString(h));
            }
        }
    }

    @Test
    void overflowAndUnderflowEdges() {
        assertEquals(0x7BFF, Fp16.fromFloatBits(65504f));
        assertEquals(0x7BFF, Fp16.fromFloatBits(Math.nextDown(65520f)));
        assertEquals(0x7C00, Fp16.fromFloatBits(65520f));
        assertEquals(0xFC00, Fp16.fromFloatBits(Float.NEGATIVE_INFINITY));
        assertEquals(0x7C00, Fp16.fromFloatBits(Float.MAX_VALUE));
        assertEquals(0x0001, Fp16.fromFloatBits(0x1p-24f));
        assertEquals(0x0000, Fp16.fromFloatBits(0x1p-25f)); // tie with 0, even
        assertEquals(0x0001, Fp16.fromFloatBits(Math.nextUp(0x1p-25f)));
        assertEquals(0x8000, Fp16.fromFloatBits(-Float.MIN_VALUE));
        assertEquals(0x0000, Fp16.fromFloatBits(Float.MIN_NORMAL));
        assertEquals(0x0400, Fp16.fromFloatBits(0x1p-14f));
        assertEquals(0x0400, Fp16.fromFloatBits(Math.nextDown(0x1p-14f)), "rounds up into the normal range");
        assertEquals(0x3C00, Fp16.fromFloatBits(1f));
        assertEquals(0x7E00, Fp16.fromFloatBits(Float.intBitsToFloat(0x7F800001)));
        assertEquals(0xFE00, Fp16.fromFloatBits(Float.intBitsToFloat(0xFFC12345)));
    }

    @Test
    void manyRandomFloatBitPatternsMatchTheReference() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(f)) {
                assertEquals(referenceFromFloat(f), Fp16.fromFloatBits(f), Float.toString(f));
            }
        }
    }

    @Property(tries = 2000)
    void randomFloatsInTheHalfRangeMatchTheReference(@ForAll float f) {
        if (!Float.isNaN(f)) {
            assertEquals(referenceFromFloat(f), Fp16.fromFloatBits(f));
            assertEquals(referenceFromFloat(f / 65536f), Fp16.fromFloatBits(f / 65536f));
        }
    }
}
