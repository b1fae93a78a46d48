// The per-token steps both FLUX block kinds share: modulation, modulated LayerNorm, gated residual add, GELU.
package org.ternsim.kernels.layer;

import java.util.Arrays;
import org.ternsim.kernels.nn.NnOps;

/**
 * Float arithmetic goes through {@link NnOps} where an operator exists, so scalar and Vector API kernels give the same
 * bits; the rest is elementwise Java float arithmetic (no fma), identical everywhere by construction.
 */
public final class FluxBlockOps {

    private final FluxConfig config;
    private final NnOps ops;
    private final W158A16Linear linear;

    public FluxBlockOps(FluxConfig config, NnOps ops, W158A16Linear linear) {
        this.config = config;
        this.ops = ops;
        this.linear = linear;
    }

    public NnOps ops() {
        return ops;
    }

    public W158A16Linear linear() {
        return linear;
    }

    /**
     * FLUX {@code Modulation}: lin(SiLU(vec)) split into (shift, scale, gate) triples. The Linear runs on the single
     * vec row (a GEMM of one token). SiLU is {@link NnOps#swiGlu} with an all-ones up operand, g / (1 + exp(-g)) * 1,
     * which is PyTorch's {@code x / (1 + exp(-x))} exactly, since multiplying by 1 is exact.
     */
    public FluxModulation[] modulation(FluxLinear lin, float[] vec) {
        int h = config.hidden();
        if (vec.length != h) {
            throw new IllegalArgumentException("vec must have " + h + " values, got " + vec.length);
        }
        float[] ones = new float[h];
        Arrays.fill(ones, 1f);
        float[] silu = new float[h];
        ops.swiGlu(vec, 0, ones, 0, silu, 0, h);
        return FluxModulation.split(linear.apply(lin, new float[][] {silu})[0], h);
    }

    /** (1 + scale) * LayerNorm(x) + shift for every row, LayerNorm without affine (eps of the config). */
    public float[][] modulatedNorm(float[][] x, FluxModulation m) {
        int h = config.hidden();
        float[][] out = new float[x.length][h];
        for (int t = 0; t < x.length; t++) {
            requireWidth(x[t], t);
            ops.layerNorm(x[t], 0, config.layerNormEps(), out[t], 0, h);
            ops.adaLnModulate(out[t], 0, m.scale(), 0, m.shift(), 0, out[t], 0, h);
        }
        return out;
    }

    /** x += gate * y per row: FLUX {@code x + gate * f(x)}, the product rounded before the add. */
    public void gatedAdd(float[][] x, float[] gate, float[][] y) {
        for (int t = 0; t < x.length; t++) {
            float[] xt = x[t];
            float[] yt = y[t];
            for (int i = 0; i < xt.length; i++) {
                xt[i] += gate[i] * yt[i];
            }
        }
    }

    /** FLUX MLP on pre-modulated rows: mlp.2(GELU_tanh(mlp.0(x))). */
    public float[][] mlp(FluxLinear in, FluxLinear out, float[][] x) {
        float[][] hidden = linear.apply(in, x);
        for (float[] row : hidden) {
            ops.gelu(row, 0, row, 0, row.length);
        }
        return linear.apply(out, hidden);
    }

    void requireWidth(float[] row, int t) {
        if (row.length != config.hidden()) {
            throw new IllegalArgumentException("token " + t + " must have " + config.hidden() + " values, got "
                    + row.length);
        }
    }
}
