// The weights of one FLUX single-stream block: modulation, the fused linear1 / linear2 and QK-norm scales.
package org.ternsim.kernels.layer;

import java.util.Objects;

/**
 * Names follow FLUX {@code SingleStreamBlock}: {@code modulation} = {@code modulation.lin} (hidden -> 3 hidden),
 * {@code linear1} (hidden -> 3 hidden + mlpHidden: qkv then MLP input), {@code linear2} (hidden + mlpHidden ->
 * hidden), {@code qScale}, {@code kScale} = {@code norm.query_norm/key_norm.scale}.
 */
public record FluxSingleBlockWeights(FluxLinear modulation, FluxLinear linear1, FluxLinear linear2, float[] qScale,
                                     float[] kScale) {

    public FluxSingleBlockWeights {
        Objects.requireNonNull(qScale, "qScale");
        Objects.requireNonNull(kScale, "kScale");
    }

    /** Seeded synthetic block; seeds seed + 1 .. seed + 5. */
    public static FluxSingleBlockWeights synthetic(FluxConfig c, long seed) {
        int h = c.hidden();
        return new FluxSingleBlockWeights(FluxLinear.synthetic(3 * h, h, seed + 1),
                FluxLinear.synthetic(c.linear1Width(), h, seed + 2),
                FluxLinear.synthetic(h, c.linear2Input(), seed + 3),
                SyntheticWeights.norm(c.headDim(), seed + 4), SyntheticWeights.norm(c.headDim(), seed + 5));
    }

    /** Fails unless every tensor has the config's shape. */
    void requireShapes(FluxConfig c) {
        int h = c.hidden();
        modulation.requireShape(3 * h, h, "modulation.lin");
        linear1.requireShape(c.linear1Width(), h, "linear1");
        linear2.requireShape(h, c.linear2Input(), "linear2");
        if (qScale.length != c.headDim() || kScale.length != c.headDim()) {
            throw new IllegalArgumentException("QK-norm scales need " + c.headDim() + " values, got "
                    + qScale.length + " and " + kScale.length);
        }
    }

    /** 141,557,760 for FLUX.1-dev (workloads.md §9.3: 141.6 M). */
    public long ternaryWeights() {
        return modulation.ternaryWeights() + linear1.ternaryWeights() + linear2.ternaryWeights();
    }
}
