// The shape and numerics of one FLUX.1 transformer block (widths, heads, norm eps, 3-axis RoPE).
package org.ternsim.kernels.layer;

import org.ternsim.kernels.nn.AttentionShape;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.RopeSpec;

/**
 * @param hidden       model width (3072 for FLUX.1-dev)
 * @param attention    heads and head size; FLUX has no GQA, so kvHeads = heads
 * @param mlpHidden    MLP inner width (mlp_ratio 4 -> 12288)
 * @param layerNormEps eps of the affine-free LayerNorms in front of attention and MLP
 * @param qkNormEps    eps of the per-head QK RMSNorm
 * @param rope         3-axis RoPE over the head
 */
public record FluxConfig(int hidden, AttentionShape attention, int mlpHidden, float layerNormEps, float qkNormEps,
                         RopeSpec rope) {

    public FluxConfig {
        if (attention.queryWidth() != hidden || attention.kvHeads() != attention.heads()) {
            throw new IllegalArgumentException("FLUX needs heads x head_dim = hidden and no GQA: " + attention
                    + " vs " + hidden);
        }
        if (rope.headDim() != attention.headDim()) {
            throw new IllegalArgumentException("RoPE head " + rope.headDim() + " differs from attention head "
                    + attention.headDim());
        }
        // Every Linear input width (hidden, mlpHidden, hidden + mlpHidden) must be whole x86 I2_S blocks.
        if (hidden % 128 != 0 || mlpHidden % 128 != 0) {
            throw new IllegalArgumentException("I2_S (x86) needs hidden and mlpHidden to be multiples of 128, got "
                    + hidden + " and " + mlpHidden);
        }
    }

    /** FLUX.1-dev (workloads.md §9.1): 3072, 24 heads of 128, MLP 12288, eps 1e-6 for both norms, RoPE 16/56/56. */
    public static FluxConfig fluxDev() {
        return new FluxConfig(3072, AttentionShape.flux(), 12288, NnOps.LAYER_NORM_EPS_FLUX,
                NnOps.LAYER_NORM_EPS_FLUX, RopeSpec.flux());
    }

    public int heads() {
        return attention.heads();
    }

    public int headDim() {
        return attention.headDim();
    }

    /** Output width of a qkv Linear: q, k and v, each head-major ("(K H D)" in FLUX). */
    public int qkvWidth() {
        return 3 * hidden;
    }

    /** Output width of the single block's linear1: qkv followed by the MLP input. */
    public int linear1Width() {
        return qkvWidth() + mlpHidden;
    }

    /** Input width of the single block's linear2: attention output followed by GELU(MLP input). */
    public int linear2Input() {
        return hidden + mlpHidden;
    }
}
