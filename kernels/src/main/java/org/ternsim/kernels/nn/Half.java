// IEEE 754 binary16 conversion, because Java 17 has no Float.floatToFloat16 (added in Java 20).
package org.ternsim.kernels.nn;

/**
 * binary16 ("F16", 1 sign, 5 exponent, 10 fraction bits, bias 15) to and from float.
 *
 * <p>{@link #fromFloat}: round to nearest, ties to even, on the exact value, with gradual underflow into the
 * subnormal halves (unit 2^-24) and overflow to infinity: |x| &gt;= 65520 (the tie between 65504 and 2^16) becomes
 * infinity. Signed zeros and infinities keep their sign. NaN keeps its sign and the top 10 fraction bits and is
 * made quiet (fraction bit 9 set), so every float NaN stays a NaN. {@link #toFloat} is exact (every half is a
 * float); a half NaN keeps its payload, shifted into the top of the float fraction. These match Java 20's
 * {@code Float.floatToFloat16}/{@code float16ToFloat} except that a signalling NaN is quietened here.
 */
public final class Half {

    public static final short POSITIVE_INFINITY = 0x7C00;
    public static final short NEGATIVE_INFINITY = (short) 0xFC00;
    /** Largest finite half, 65504. */
    public static final short MAX_VALUE = 0x7BFF;

    private Half() {
    }

    /** The half nearest to {@code f} (ties to even), as raw bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (mant == 0 ? sign | 0x7C00 : sign | 0x7E00 | (mant >>> 13));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e >= 1) {
            // Exponent and fraction in one integer, so a carry out of the fraction bumps the exponent (up to inf).
            return (short) (sign | roundShift((e << 23) | mant, 13));
        }
        if (exp == 0) {
            return (short) sign; // float subnormals are far below half of the smallest half subnormal
        }
        int shift = 126 - exp; // value = (mant | 2^23) * 2^(exp-150); in units of 2^-24 that is a right shift
        if (shift > 24) {
            return (short) sign; // below 2^-25: rounds to zero
        }
        return (short) (sign | roundShift(mant | 0x800000, shift));
    }

    /** The exact float value of half bits {@code h}. */
    public static float toFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (e == 0) {
            float magnitude = m * 0x1p-24f; // exact: m < 2^10
            return sign == 0 ? magnitude : -magnitude;
        }
        if (e == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (m << 13));
        }
        return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
    }

    /** v >> shift rounded to nearest, ties to even (1 &lt;= shift &lt;= 24, v &lt; 2^31). */
    private static int roundShift(int v, int shift) {
        int q = v >>> shift;
        int rem = v & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rem > halfway || (rem == halfway && (q & 1) == 1)) {
            q++;
        }
        return q;
    }
}
