// One activation row quantized to int8 codes, with the scale that produced them and the sum of the codes.
package org.ternsim.kernels.quant;

import java.util.Objects;

/**
 * Int8 activations of one token.
 *
 * @param codes q_k in [-128, 127]; shared, not copied
 * @param scale s, where x * s gives the codes; kernel outputs divide by it
 * @param sum   the int32 sum of the codes (corrects the +1 offset of I2_S weight codes)
 */
public record Int8Activations(byte[] codes, float scale, int sum) {

    public Int8Activations {
        Objects.requireNonNull(codes, "codes");
        if (!(Float.isFinite(scale) && scale > 0)) {
            throw new IllegalArgumentException("activation scale must be finite and > 0, got " + scale);
        }
        int actual = 0;
        for (byte q : codes) {
            actual += q;
        }
        if (actual != sum) {
            throw new IllegalArgumentException("activation sum is " + sum + " but the codes add up to " + actual);
        }
    }

    /** Builds activations from codes, computing their sum. */
    public static Int8Activations of(byte[] codes, float scale) {
        int sum = 0;
        for (byte q : codes) {
            sum += q;
        }
        return new Int8Activations(codes, scale, sum);
    }
}
