// One token of 16-bit float activations (FLUX W1.58A16): raw F16 or BF16 bits, converted to float exactly.
package org.ternsim.kernels.gemv;

import java.util.Objects;

/**
 * 16-bit activations of one token.
 *
 * @param bits   raw 16-bit patterns, length K; shared, not copied
 * @param format how to read them
 */
public record A16Activations(short[] bits, A16Format format) {

    public A16Activations {
        Objects.requireNonNull(bits, "bits");
        Objects.requireNonNull(format, "format");
    }

    /** The exact float values, one per element. */
    public float[] toFloats() {
        float[] x = new float[bits.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = format.toFloat(bits[k]);
        }
        return x;
    }
}
