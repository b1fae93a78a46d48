// One BitNet b1.58 (2B4T) decoder layer for one token: every projection an I2_S GEMV on int8 activations.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.nn.Attention;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.Rope;
import org.ternsim.kernels.nn.RotaryAngles;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;

/**
 * The dataflow of workloads.md §4.2 (HF {@code modular_bitnet.py}):
 * <pre>
 * a = RMSNorm_in(h); q, k, v = BitLinear(a)          one int8 quantization of a shared by q, k and v
 * q, k = RoPE(q, k); o = attention(q, KV cache + k, v)
 * h += BitLinear_o(RMSNorm_attn_sub(o))
 * f = RMSNorm_post(h); g, u = BitLinear(f)           one quantization of f shared by gate and up
 * h += BitLinear_down(RMSNorm_ffn_sub(relu(g)^2 * u))
 * </pre>
 * Every BitLinear quantizes its input per token with bitnet.cpp's I2_S int8 rule and uses the I2_S epilogue, so a
 * layer run is bit-exact given its kernels; residual adds are plain float adds.
 */
public final class BitNetLayer {

    private final LayerConfig config;
    private final BitNetLayerWeights w;
    private final I2sGemv gemv;
    private final NnOps ops;
    private final Rope rope;
    private final Attention attention;

    public BitNetLayer(LayerConfig config, BitNetLayerWeights weights, I2sGemv gemv, NnOps ops) {
        this.config = config;
        this.w = weights;
        this.gemv = gemv;
        this.ops = ops;
        this.rope = new Rope(config.rope());
        this.attention = new Attention(ops, config.attention());
    }

    public LayerConfig config() {
        return config;
    }

    /** Runs the layer on the residual state {@code h} (updated in place) of the token at position {@code pos}. */
    public void decode(float[] h, int pos, KvCache cache) {
        int hidden = config.hidden();
        if (h.length != hidden) {
            throw new IllegalArgumentException("residual state must have " + hidden + " values, got " + h.length);
        }
        float[] a = new float[hidden];
        ops.rmsNorm(h, 0, w.inputNorm(), 0, config.normEps(), a, 0, hidden);
        Int8Activations qa = Int8Quantizer.absmaxI2s(a);
        float[] q = bitLinear(w.wq(), qa);
        float[] k = bitLinear(w.wk(), qa);
        float[] v = bitLinear(w.wv(), qa);
        RotaryAngles angles = rope.angles(pos);
        rope.rotateHeads(angles, q, 0, config.attention().heads());
        rope.rotateHeads(angles, k, 0, config.attention().kvHeads());
        cache.append(k, 0, v, 0);
        float[] o = new float[hidden];
        attention.decode(q, 0, cache, o, 0);
        ops.rmsNorm(o, 0, w.attnSubNorm(), 0, config.normEps(), o, 0, hidden);
        addInto(h, bitLinear(w.wo(), Int8Quantizer.absmaxI2s(o)));

        float[] f = new float[hidden];
        ops.rmsNorm(h, 0, w.postNorm(), 0, config.normEps(), f, 0, hidden);
        Int8Activations qf = Int8Quantizer.absmaxI2s(f);
        float[] g = bitLinear(w.wGate(), qf);
        float[] u = bitLinear(w.wUp(), qf);
        float[] m = new float[config.ffn()];
        ops.reluSquaredGlu(g, 0, u, 0, m, 0, config.ffn());
        ops.rmsNorm(m, 0, w.ffnSubNorm(), 0, config.normEps(), m, 0, config.ffn());
        addInto(h, bitLinear(w.wDown(), Int8Quantizer.absmaxI2s(m)));
    }

    private float[] bitLinear(org.ternsim.kernels.format.I2sWeights weights, Int8Activations x) {
        float[] y = new float[weights.rows()];
        gemv.gemv(weights, x, y);
        return y;
    }

    static void addInto(float[] h, float[] delta) {
        for (int i = 0; i < h.length; i++) {
            h[i] += delta[i];
        }
    }
}
