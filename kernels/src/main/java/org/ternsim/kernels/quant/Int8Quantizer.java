// Per-token absmax int8 quantization exactly as bitnet.cpp does it: the I2_S path (quantize_row_i8_s) and the
// TL1/TL2 LUT path (per_tensor_quant of the codegen), which differ in precision and in the zero guard.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Quantizes one activation row to {@link Int8Activations}, bit-exact with {@code quantize_row_i8_s}
 * (Eddie-Wang1120/llama.cpp@merge-dev, ggml/src/ggml-quants.c):
 * <ol>
 *   <li>amax = max(1e-5, max_k |x_k|), accumulated in {@code double} starting at 1e-5;</li>
 *   <li>s = (float) (127 / amax), the division in double;</li>
 *   <li>q_k = nearest_int(x_k * s) with the product in float, clamped to [-128, 127];</li>
 *   <li>sum = sum of q_k in int32.</li>
 * </ol>
 * The TL1/TL2 paths compute their scale in float without the floor; they are a different quantizer,
 * {@link #absmaxTl}.
 */
public final class Int8Quantizer {

    /** Starting value of the double amax accumulator. */
    public static final double AMAX_FLOOR = 1e-5;

    /** Scale {@link #absmaxTl} returns for a row whose lut_scale would not be finite (all zeros). */
    public static final float ZERO_ROW_SCALE = 127f;

    private Int8Quantizer() {
    }

    /** Quantizes the whole of {@code x}; inputs must be finite. */
    public static Int8Activations absmaxI2s(float[] x) {
        return absmaxI2s(x, 0, x.length);
    }

    /** Quantizes {@code x[offset, offset + length)}, e.g. one token of a row-major batch; inputs must be finite. */
    public static Int8Activations absmaxI2s(float[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        double amax = AMAX_FLOOR;
        for (int k = offset; k < offset + length; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("activation at index " + k + " is " + x[k]);
            }
            amax = Math.max(amax, Math.abs((double) x[k]));
        }
        float s = (float) (127 / amax);
        byte[] codes = new byte[length];
        int sum = 0;
        for (int k = 0; k < length; k++) {
            // ggml's nearest_int adds 1.5*2^23 in float and reads the low mantissa bits. For |v| <= 2^22 the sum
            // lies in [2^23, 2^24), where the float spacing is exactly 1, so the addition itself rounds v to an
            // integer under the FPU's round-half-to-even mode: the same value Math.rint gives. Here |v| <= ~127.
            float v = x[offset + k] * s;
            int q = (int) Math.max(-128, Math.min(127, Math.rint(v)));
            codes[k] = (byte) q;
            sum += q;
        }
        return new Int8Activations(codes, s, sum);
    }

    /** Quantizes the whole of {@code x} as the TL1/TL2 kernels do; inputs must be finite. */
    public static Int8Activations absmaxTl(float[] x) {
        return absmaxTl(x, 0, x.length);
    }

    /**
     * Quantizes {@code x[offset, offset + length)} as bitnet.cpp's LUT kernels do ({@code per_tensor_quant} in
     * {@code utils/codegen_tl1.py} / {@code codegen_tl2.py}, kernels.md §1):
     * <ol>
     *   <li>amax = max_k |x_k| in float, with no floor;</li>
     *   <li>lut_scale = 127f / amax, the division in float;</li>
     *   <li>q_k = rint(x_k * lut_scale), the product in float, rounded half to even
     *       ({@code vcvtnq_s32_f32} / {@code _mm256_round_ps(NEAREST)}). |x_k| <= amax bounds the product by
     *       127 * (1 + 2^-23)^2, so |q_k| <= 127 without a clamp.</li>
     * </ol>
     * The scale returned is lut_scale; kernel outputs divide by it.
     *
     * <p>Where max|x| >= 1e-5 this equals {@link #absmaxI2s} bit for bit, contrary to kernels.md §1 [D]: max|x| is
     * exact in both, and rounding 127 / amax to double and then to float equals rounding it to float once, because
     * 53 >= 2 * 24 + 2. The paths differ only below the I2_S floor (and in the zero row).
     *
     * <p>Defined here, not in bitnet.cpp: when 127f / amax is not finite (an all-zero row, where the original divides
     * by zero, or max|x| below 127 / Float.MAX_VALUE, about 3.7e-37) every code is 0 and the scale is
     * {@value #ZERO_ROW_SCALE}. Any positive finite scale gives zero outputs for zero codes; 127 is the scale of a
     * row whose amax is 1. (microsoft/BitNet PR #521 adds a guard for the zero row.)
     */
    public static Int8Activations absmaxTl(float[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.checkFromIndexSize(offset, length, x.length);
        float amax = 0f;
        for (int k = offset; k < offset + length; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("activation at index " + k + " is " + x[k]);
            }
            amax = Math.max(amax, Math.abs(x[k]));
        }
        float lutScale = 127f / amax;
        byte[] codes = new byte[length];
        if (!Float.isFinite(lutScale)) {
            return new Int8Activations(codes, ZERO_ROW_SCALE, 0);
        }
        int sum = 0;
        for (int k = 0; k < length; k++) {
            int q = (int) Math.rint(x[offset + k] * lutScale);
            codes[k] = (byte) q;
            sum += q;
        }
        return new Int8Activations(codes, lutScale, sum);
    }
}
