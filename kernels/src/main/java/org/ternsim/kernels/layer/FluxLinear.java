// One FLUX Linear as TernSim stores it: ternary I2_S weights (out x in) and a float bias (every FLUX Linear has one).
package org.ternsim.kernels.layer;

import java.util.Objects;
import org.ternsim.kernels.format.I2sWeights;

/**
 * @param weight out x in ternary weights
 * @param bias   out values, added in float after the W1.58A16 product; shared, not copied
 */
public record FluxLinear(I2sWeights weight, float[] bias) {

    public FluxLinear {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        if (bias.length != weight.rows()) {
            throw new IllegalArgumentException("bias needs " + weight.rows() + " values, got " + bias.length);
        }
    }

    /** Seeded synthetic Linear (see {@link FluxSyntheticWeights}); weight and bias use different streams. */
    public static FluxLinear synthetic(int out, int in, long seed) {
        return new FluxLinear(FluxSyntheticWeights.ternary(out, in, seed),
                FluxSyntheticWeights.bias(out, seed ^ 0x5DEECE66DL));
    }

    public int in() {
        return weight.cols();
    }

    public int out() {
        return weight.rows();
    }

    /** Ternary weights (out x in); biases are not counted, as workloads.md §9.3 does not count them. */
    public long ternaryWeights() {
        return (long) weight.rows() * weight.cols();
    }

    /** Fails unless this Linear maps {@code in} to {@code out} values. */
    void requireShape(int expectedOut, int expectedIn, String name) {
        if (out() != expectedOut || in() != expectedIn) {
            throw new IllegalArgumentException(name + " must be " + expectedIn + " -> " + expectedOut + ", got "
                    + in() + " -> " + out());
        }
    }
}
