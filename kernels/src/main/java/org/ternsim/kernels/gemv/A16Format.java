// The two 16-bit float activation formats of W1.58A16 and their exact conversion to float (Java 17 has neither).
package org.ternsim.kernels.gemv;

/**
 * IEEE binary16 ("half", F16) and bfloat16 (BF16), each held as the raw bits in a {@code short}. Both convert to
 * float exactly: every half and every bfloat16 value, including subnormals, infinities and NaN payloads, is a float.
 */
public enum A16Format {
    /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 fraction bits. */
    F16 {
        @Override
        public float toFloat(short bits) {
            return halfToFloat(bits);
        }
    },
    /** bfloat16: the upper 16 bits of a float. */
    BF16 {
        @Override
        public float toFloat(short bits) {
            return bfloat16ToFloat(bits);
        }
    };

    /** The float with exactly the value of {@code bits} in this format. */
    public abstract float toFloat(short bits);

    /** Exact binary16 to float: normals re-bias the exponent, subnormals are m * 2^-24, NaN keeps its payload. */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int fraction = h & 0x3FF;
        if (exponent == 0x1F) {
            // Infinity (fraction 0) or NaN; the fraction moves to the top of the float fraction, so quiet stays quiet.
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (fraction << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: m * 2^-24 is exact in float (m < 2^10, a power-of-two scale).
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    /** Exact bfloat16 to float: the bits are the float's upper half. */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
