// One FLUX.1 double-stream (MMDiT) block: image and text streams with their own weights, joint attention.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.nn.NnOps;

/**
 * The dataflow of workloads.md §9.2 (FLUX {@code layers.py DoubleStreamBlock}), for each stream s in {img, txt}:
 * <pre>
 * (shift1, scale1, gate1, shift2, scale2, gate2) = s_mod.lin(SiLU(vec))
 * q, k, v = s_attn.qkv((1 + scale1) * LN(x_s) + shift1);  q, k = RoPE(QKNorm_s(q, k))
 * attn = attention over concat(txt, img), no mask;  attn_s = its rows of stream s
 * x_s += gate1 * s_attn.proj(attn_s)
 * x_s += gate2 * s_mlp.2(GELU_tanh(s_mlp.0((1 + scale2) * LN(x_s) + shift2)))
 * </pre>
 * Every Linear is W1.58A16 ({@link W158A16Linear}): a GEMM over the stream's tokens, or over the one vec row for the
 * modulation. Given its kernels, a run is bit-exact.
 */
public final class FluxDoubleBlock {

    private final FluxConfig config;
    private final FluxDoubleBlockWeights w;
    private final FluxBlockOps block;
    private final FluxJointAttention attention;

    public FluxDoubleBlock(FluxConfig config, FluxDoubleBlockWeights weights, TernaryA16Gemm gemm, NnOps ops) {
        weights.img().requireShapes(config, "img");
        weights.txt().requireShapes(config, "txt");
        this.config = config;
        this.w = weights;
        this.block = new FluxBlockOps(config, ops, new W158A16Linear(gemm));
        this.attention = new FluxJointAttention(config, ops);
    }

    public FluxConfig config() {
        return config;
    }

    /**
     * Runs the block on the image and text hidden states ([tokens][hidden], updated in place) under the conditioning
     * vector vec; the position ids give each token's RoPE coordinates (usually {@link FluxPositions#imageGrid} and
     * {@link FluxPositions#text}).
     */
    public void forward(float[][] img, float[][] txt, float[] vec, FluxPositions imgIds, FluxPositions txtIds) {
        if (img.length != imgIds.tokens() || txt.length != txtIds.tokens()) {
            throw new IllegalArgumentException("position ids for " + imgIds.tokens() + " image and " + txtIds.tokens()
                    + " text tokens, got " + img.length + " and " + txt.length);
        }
        FluxModulation[] imgMod = block.modulation(w.img().mod(), vec);
        FluxModulation[] txtMod = block.modulation(w.txt().mod(), vec);
        float[][] imgQkv = qkv(w.img(), img, imgMod[0], imgIds);
        float[][] txtQkv = qkv(w.txt(), txt, txtMod[0], txtIds);

        float[][] joint = new float[txt.length + img.length][];
        System.arraycopy(txtQkv, 0, joint, 0, txt.length);
        System.arraycopy(imgQkv, 0, joint, txt.length, img.length);
        float[][] attn = attention.attend(joint);
        float[][] txtAttn = new float[txt.length][];
        float[][] imgAttn = new float[img.length][];
        System.arraycopy(attn, 0, txtAttn, 0, txt.length);
        System.arraycopy(attn, txt.length, imgAttn, 0, img.length);

        residual(w.img(), img, imgAttn, imgMod);
        residual(w.txt(), txt, txtAttn, txtMod);
    }

    private float[][] qkv(FluxStreamWeights s, float[][] x, FluxModulation m, FluxPositions ids) {
        float[][] qkv = block.linear().apply(s.qkv(), block.modulatedNorm(x, m));
        for (int t = 0; t < x.length; t++) {
            attention.normalizeAndRotate(qkv[t], s.qScale(), s.kScale(), ids.of(t));
        }
        return qkv;
    }

    private void residual(FluxStreamWeights s, float[][] x, float[][] attn, FluxModulation[] m) {
        block.gatedAdd(x, m[0].gate(), block.linear().apply(s.proj(), attn));
        block.gatedAdd(x, m[1].gate(), block.mlp(s.mlpIn(), s.mlpOut(), block.modulatedNorm(x, m[1])));
    }
}
