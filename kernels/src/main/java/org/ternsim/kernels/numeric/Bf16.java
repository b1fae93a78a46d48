// bfloat16 <-> float conversion with ggml's rounding rule.
package org.ternsim.kernels.numeric;

/**
 * ggml's {@code ggml_compute_fp32_to_bf16} (ggml-impl.h): round to nearest even on the raw bits
 * ({@code (bits + 0x7FFF + lsb) >> 16}, so large finite values round up to infinity), NaN forced quiet by setting
 * bit 6 of the truncated bits ({@code (bits >> 16) | 64}), subnormals kept. Older ggml versions flushed float subnormals
 * to zero; the current rule does not, and neither does this class.
 */
public final class Bf16 {

    private Bf16() {
    }

    /** The float equal to bfloat16 {@code h} (low 16 bits used). */
    public static float toFloat(int h) {
        return Float.intBitsToFloat((h & 0xFFFF) << 16);
    }

    /** bfloat16 bits of {@code f}. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 64);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
