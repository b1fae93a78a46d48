// cos and sin of every pair's rotation angle for one token position, ready to apply to all its heads.
package org.ternsim.kernels.nn;

/** Per-pair cos and sin (length headDim/2), computed by {@link Rope#angles}. Arrays are owned by the record. */
public record RotaryAngles(float[] cos, float[] sin) {

    public RotaryAngles {
        if (cos.length != sin.length) {
            throw new IllegalArgumentException("cos and sin lengths differ: " + cos.length + " vs " + sin.length);
        }
    }

    public int pairs() {
        return cos.length;
    }
}
