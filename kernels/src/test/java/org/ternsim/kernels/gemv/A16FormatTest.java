// The exact F16 and BF16 converters against an independent formula over every 16-bit pattern.
package org.ternsim.kernels.gemv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class A16FormatTest {

    @Test
    void everyHalfConvertsToItsValue() {
        for (int h = 0; h < 1 << 16; h++) {
            int sign = h >>> 15;
            int exponent = (h >>> 10) & 0x1F;
            int fraction = h & 0x3FF;
            float actual = A16Format.halfToFloat((short) h);
            if (exponent == 31) {
                assertEquals(fraction == 0, Float.isInfinite(actual), Integer.toHexString(h));
                assertEquals(fraction != 0, Float.isNaN(actual), Integer.toHexString(h));
                if (fraction != 0) {
                    // The payload moves to the top of the float fraction.
                    assertEquals(fraction << 13, Float.floatToRawIntBits(actual) & 0x7F_FFFF, Integer.toHexString(h));
                }
            } else {
                // (-1)^s * 2^(e-15) * (1 + f/1024), or 2^-14 * f/1024 for e = 0; exact in double.
                double magnitude = exponent == 0 ? Math.scalb((double) fraction, -24)
                        : Math.scalb(1024.0 + fraction, exponent - 25);
                assertEquals(Float.floatToRawIntBits((float) (sign == 1 ? -magnitude : magnitude)),
                        Float.floatToRawIntBits(actual), Integer.toHexString(h));
            }
            assertEquals(sign == 1, (Float.floatToRawIntBits(actual) >>> 31) == 1, Integer.toHexString(h));
        }
    }

    @Test
    void knownHalfValues() {
        assertEquals(1.0f, A16Format.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, A16Format.halfToFloat((short) 0xC000));
        assertEquals(65504f, A16Format.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, A16Format.halfToFloat((short) 0x0001));
        assertEquals(0x1p-14f - 0x1p-24f, A16Format.halfToFloat((short) 0x03FF));
        assertEquals(Float.NEGATIVE_INFINITY, A16Format.halfToFloat((short) 0xFC00));
        assertEquals(0x8000_0000, Float.floatToRawIntBits(A16Format.halfToFloat((short) 0x8000)));
        assertTrue(Float.isNaN(A16Format.F16.toFloat((short) 0x7E00)));
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        for (int b = 0; b < 1 << 16; b++) {
            assertEquals(b << 16, Float.floatToRawIntBits(A16Format.BF16.toFloat((short) b)));
        }
        assertEquals(1.0f, A16Format.bfloat16ToFloat((short) 0x3F80));
    }
}
