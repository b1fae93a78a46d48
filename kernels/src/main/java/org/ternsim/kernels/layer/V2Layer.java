// One BitNet v2 decoder layer for one token: int4 activations everywhere, a Hadamard before the Wo and Wdown inputs.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.nn.Attention;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.Rope;
import org.ternsim.kernels.nn.RotaryAngles;
import org.ternsim.kernels.quant.Hadamard;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int4Quantizer;

/**
 * BitNet v2 with 4-bit activations (workloads.md §6): every BitLinear quantizes its input with int4 absmean; the two
 * H-BitLinears (Wo, Wdown) transform their normed input with the orthonormal Hadamard before quantizing, X_r =
 * Hadamard(LN(X)); the FFN is SwiGLU. The KV cache is 3-bit with the [BOS] heads at 8 bits
 * ({@code LowBitKvCodec(KvCacheQuantizer.V2)}). Widths that are not powers of two use TernSim's blocked transform
 * (the paper's configs are powers of two, so v2 400M runs the full transform).
 */
public final class V2Layer {

    private final LayerConfig config;
    private final BitNetLayerWeights w;
    private final I2sInt4Gemv int4;
    private final Hadamard hadamard;
    private final NnOps ops;
    private final Rope rope;
    private final Attention attention;

    public V2Layer(LayerConfig config, BitNetLayerWeights weights, I2sInt4Gemv int4, Hadamard hadamard, NnOps ops) {
        this.config = config;
        this.w = weights;
        this.int4 = int4;
        this.hadamard = hadamard;
        this.ops = ops;
        this.rope = new Rope(config.rope());
        this.attention = new Attention(ops, config.attention());
    }

    /** Runs the layer on {@code h} (updated in place) for the token at {@code pos}. */
    public void decode(float[] h, int pos, KvCache cache) {
        int hidden = config.hidden();
        int ffn = config.ffn();
        float[] a = new float[hidden];
        ops.rmsNorm(h, 0, w.inputNorm(), 0, config.normEps(), a, 0, hidden);
        Int4Activations qa = Int4Quantizer.absmean(a);
        float[] q = linear(w.wq(), qa);
        float[] k = linear(w.wk(), qa);
        float[] v = linear(w.wv(), qa);
        RotaryAngles angles = rope.angles(pos);
        rope.rotateHeads(angles, q, 0, config.attention().heads());
        rope.rotateHeads(angles, k, 0, config.attention().kvHeads());
        cache.append(k, 0, v, 0);
        float[] o = new float[hidden];
        attention.decode(q, 0, cache, o, 0);
        ops.rmsNorm(o, 0, w.attnSubNorm(), 0, config.normEps(), o, 0, hidden);
        hadamard.transform(o);
        BitNetLayer.addInto(h, linear(w.wo(), Int4Quantizer.absmean(o)));

        float[] f = new float[hidden];
        ops.rmsNorm(h, 0, w.postNorm(), 0, config.normEps(), f, 0, hidden);
        Int4Activations qf = Int4Quantizer.absmean(f);
        float[] g = linear(w.wGate(), qf);
        float[] u = linear(w.wUp(), qf);
        float[] m = new float[ffn];
        ops.swiGlu(g, 0, u, 0, m, 0, ffn);
        ops.rmsNorm(m, 0, w.ffnSubNorm(), 0, config.normEps(), m, 0, ffn);
        hadamard.transform(m);
        BitNetLayer.addInto(h, linear(w.wDown(), Int4Quantizer.absmean(m)));
    }

    private float[] linear(I2sWeights weights, Int4Activations x) {
        float[] y = new float[weights.rows()];
        int4.gemv(weights, x, y);
        return y;
    }
}
