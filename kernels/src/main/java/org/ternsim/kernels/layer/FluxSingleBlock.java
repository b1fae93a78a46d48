// One FLUX.1 single-stream block: fused qkv + MLP-in Linear, attention and MLP in parallel, fused output Linear.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.nn.NnOps;

/**
 * The dataflow of workloads.md §9.2 (FLUX {@code layers.py SingleStreamBlock}):
 * <pre>
 * (shift, scale, gate) = modulation.lin(SiLU(vec))
 * [qkv | mlp] = linear1((1 + scale) * LN(x) + shift);  q, k = RoPE(QKNorm(q, k))
 * x += gate * linear2(concat(attention(q, k, v), GELU_tanh(mlp)))       attention over all tokens, no mask
 * </pre>
 * Every Linear is W1.58A16 ({@link W158A16Linear}). The sequence is concat(txt, img) as FLUX builds it, with
 * {@link FluxPositions#concat} ids.
 */
public final class FluxSingleBlock {

    private final FluxConfig config;
    private final FluxSingleBlockWeights w;
    private final FluxBlockOps block;
    private final FluxJointAttention attention;

    public FluxSingleBlock(FluxConfig config, FluxSingleBlockWeights weights, TernaryA16Gemm gemm, NnOps ops) {
        weights.requireShapes(config);
        this.config = config;
        this.w = weights;
        this.block = new FluxBlockOps(config, ops, new W158A16Linear(gemm));
        this.attention = new FluxJointAttention(config, ops);
    }

    public FluxConfig config() {
        return config;
    }

    /** Runs the block on the hidden states x ([tokens][hidden], updated in place) with per-token position ids. */
    public void forward(float[][] x, float[] vec, FluxPositions ids) {
        if (x.length != ids.tokens()) {
            throw new IllegalArgumentException("position ids for " + ids.tokens() + " tokens, got " + x.length);
        }
        int h = config.hidden();
        int mlp = config.mlpHidden();
        FluxModulation m = block.modulation(w.modulation(), vec)[0];
        float[][] fused = block.linear().apply(w.linear1(), block.modulatedNorm(x, m));
        for (int t = 0; t < x.length; t++) {
            attention.normalizeAndRotate(fused[t], w.qScale(), w.kScale(), ids.of(t));
        }
        float[][] attn = attention.attend(fused);
        float[][] cat = new float[x.length][h + mlp];
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(attn[t], 0, cat[t], 0, h);
            block.ops().gelu(fused[t], config.qkvWidth(), cat[t], h, mlp);
        }
        block.gatedAdd(x, m.gate(), block.linear().apply(w.linear2(), cat));
    }
}
