// One stream (img or txt) of a FLUX double-stream block: modulation, attention and MLP Linears, QK-norm scales.
package org.ternsim.kernels.layer;

import java.util.Objects;

/**
 * Names follow FLUX {@code DoubleStreamBlock}: {@code mod} = {@code <s>_mod.lin} (hidden -> 6 hidden), {@code qkv},
 * {@code proj} = {@code <s>_attn.qkv/.proj}, {@code mlpIn}, {@code mlpOut} = {@code <s>_mlp.0/.2}, {@code qScale},
 * {@code kScale} = {@code <s>_attn.norm.query_norm/key_norm.scale} (head_dim each, shared by all heads).
 */
public record FluxStreamWeights(FluxLinear mod, FluxLinear qkv, FluxLinear proj, FluxLinear mlpIn, FluxLinear mlpOut,
                                float[] qScale, float[] kScale) {

    public FluxStreamWeights {
        Objects.requireNonNull(qScale, "qScale");
        Objects.requireNonNull(kScale, "kScale");
    }

    /** Seeded synthetic stream; seeds seed + 1 .. seed + 7. */
    public static FluxStreamWeights synthetic(FluxConfig c, long seed) {
        int h = c.hidden();
        return new FluxStreamWeights(FluxLinear.synthetic(6 * h, h, seed + 1),
                FluxLinear.synthetic(c.qkvWidth(), h, seed + 2), FluxLinear.synthetic(h, h, seed + 3),
                FluxLinear.synthetic(c.mlpHidden(), h, seed + 4), FluxLinear.synthetic(h, c.mlpHidden(), seed + 5),
                SyntheticWeights.norm(c.headDim(), seed + 6), SyntheticWeights.norm(c.headDim(), seed + 7));
    }

    /** Fails unless every tensor has the config's shape. */
    void requireShapes(FluxConfig c, String stream) {
        int h = c.hidden();
        mod.requireShape(6 * h, h, stream + "_mod.lin");
        qkv.requireShape(c.qkvWidth(), h, stream + "_attn.qkv");
        proj.requireShape(h, h, stream + "_attn.proj");
        mlpIn.requireShape(c.mlpHidden(), h, stream + "_mlp.0");
        mlpOut.requireShape(h, c.mlpHidden(), stream + "_mlp.2");
        if (qScale.length != c.headDim() || kScale.length != c.headDim()) {
            throw new IllegalArgumentException(stream + " QK-norm scales need " + c.headDim() + " values, got "
                    + qScale.length + " and " + kScale.length);
        }
    }

    /** Ternary weights of the five Linears, modulation included. */
    public long ternaryWeights() {
        return mod.ternaryWeights() + qkv.ternaryWeights() + proj.ternaryWeights() + mlpIn.ternaryWeights()
                + mlpOut.ternaryWeights();
    }
}
