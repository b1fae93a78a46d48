// One activation row quantized to signed 4-bit codes (BitNet a4.8 / v2), one code per byte, with its scale and sum.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Int4 activations of one token, unpacked (one code per byte) so kernels can index them directly.
 *
 * @param codes q_k in [-8, 7]; shared, not copied
 * @param scale s, where x * s gives the codes (s = sqrt(7) / (mean|x| + eps)); kernel outputs divide by it
 * @param sum   the int32 sum of the codes (corrects the +1 offset of I2_S weight codes)
 */
public record Int4Activations(byte[] codes, float scale, int sum) {

    public Int4Activations {
        Objects.requireNonNull(codes, "codes");
        if (!(Float.isFinite(scale) && scale > 0)) {
            throw new IllegalArgumentException("activation scale must be finite and > 0, got " + scale);
        }
        int actual = 0;
        for (byte q : codes) {
            if (q < -8 || q > 7) {
                throw new IllegalArgumentException("int4 code out of range [-8, 7]: " + q);
            }
            actual += q;
        }
        if (actual != sum) {
            throw new IllegalArgumentException("activation sum is " + sum + " but the codes add up to " + actual);
        }
    }

    /** Builds activations from codes, computing their sum. */
    public static Int4Activations of(byte[] codes, float scale) {
        int sum = 0;
        for (byte q : codes) {
            sum += q;
        }
        return new Int4Activations(codes, scale, sum);
    }
}
