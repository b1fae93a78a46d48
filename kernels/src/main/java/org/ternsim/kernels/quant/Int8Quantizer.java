// Per-token absmax int8 quantization exactly as bitnet.cpp's I2_S path does it (quantize_row_i8_s).
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
 * The TL1/TL2 paths compute their scale in float without the floor; they are a different quantizer.
 */
public final class Int8Quantizer {

    /** Starting value of the double amax accumulator. */
    public static final double AMAX_FLOOR = 1e-5;

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
}
