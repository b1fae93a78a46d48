// IEEE 754 binary16 <-> float conversion for Java 17 (Float.floatToFloat16 arrived in Java 20).
package org.ternsim.kernels.numeric;

/**
 * Half-precision conversion with ggml's results. Half to float is exact. Float to half rounds to nearest, ties to
 * even, overflows to infinity from 65520 up, and maps every NaN to the quiet NaN {@code sign | 0x7E00}, as ggml's
 * portable {@code ggml_compute_fp32_to_fp16} (ggml-impl.h) does; F16C hardware ({@code _cvtss_sh}) rounds the same
 * but keeps NaN payloads, a difference that no quantizer here can produce (scales are finite).
 */
public final class Fp16 {

    /** Multiplying the re-based bits by 2^112 moves a half's exponent bias (15) to a float's (127), subnormals too. */
    private static final float REBIAS = 0x1p112f;

    private Fp16() {
    }

    /** The float equal to half {@code h} (low 16 bits used). */
    public static float toFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int magnitude = h & 0x7FFF;
        if (magnitude >= 0x7C00) { // infinity or NaN keeps its payload in the float's top mantissa bits
            return Float.intBitsToFloat(sign | 0x7F800000 | (magnitude & 0x3FF) << 13);
        }
        return Float.intBitsToFloat(sign | Float.floatToRawIntBits(Float.intBitsToFloat(magnitude << 13) * REBIAS));
    }

    /** Half bits (0..65535) of {@code f}, rounded to nearest even. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs > 0x7F800000) {
            return (short) (sign | 0x7E00);
        }
        if (abs >= 0x477FF000) { // 65520 = 65504 + half an ulp; the tie goes to the even neighbour, infinity
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x38800000) { // normal half: keep 10 of 23 mantissa bits
            int q = (((abs >>> 23) - 112) << 10) | ((abs >>> 13) & 0x3FF);
            return (short) (sign | roundEven(q, abs & 0x1FFF, 13));
        }
        int exponent = abs >>> 23;
        int shift = 126 - exponent; // value = mantissa * 2^(exponent - 150), the half's unit is 2^-24
        if (exponent == 0 || shift > 24) {
            return (short) sign; // below a quarter of the smallest subnormal half
        }
        int mantissa = (abs & 0x7FFFFF) | 0x800000;
        return (short) (sign | roundEven(mantissa >>> shift, mantissa & ((1 << shift) - 1), shift));
    }

    /** Unsigned half bits of {@code f}. */
    public static int fromFloatBits(float f) {
        return fromFloat(f) & 0xFFFF;
    }

    /** The float nearest {@code f} on the half grid, i.e. {@code toFloat(fromFloat(f))}. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    private static int roundEven(int truncated, int dropped, int droppedBits) {
        int half = 1 << (droppedBits - 1);
        if (dropped > half || (dropped == half && (truncated & 1) != 0)) {
            return truncated + 1; // a carry into the exponent field is the correct next binade
        }
        return truncated;
    }
}
