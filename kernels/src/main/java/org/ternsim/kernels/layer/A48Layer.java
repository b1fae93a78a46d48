// One BitNet a4.8 decoder layer for one token: int4 and sparse int8 activations, 3-bit KV cache, gate-skipped up.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.I2sGemv;
import org.ternsim.kernels.gemv.I2sInt4Gemv;
import org.ternsim.kernels.nn.Attention;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.Rope;
import org.ternsim.kernels.nn.RotaryAngles;
import org.ternsim.kernels.quant.Int4Activations;
import org.ternsim.kernels.quant.Int4Quantizer;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.quant.TopKSelection;
import org.ternsim.kernels.quant.TopKSparsifier;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;
import org.ternsim.kernels.sparse.GatedUpProjection;
import org.ternsim.kernels.sparse.SparseGemv;

/**
 * The b1.58 layer of {@link BitNetLayer} with a4.8's precision map (workloads.md §5.1):
 * <pre>
 * a = RMSNorm_in(h); q, k, v = BitLinear_int4(a)                     int4 absmean, one quantization shared
 * q, k = RoPE; K and V stored post-RoPE in a 3-bit cache, [BOS] at 4 bits (use {@code LowBitKvCodec(A48)})
 * o = RMSNorm_attn_sub(attention); h += BitLinear_sparse(TopK_50%(int8 absmax(o)))     columns of zero codes skipped
 * f = RMSNorm_post(h); g = BitLinear_int4(f)
 * u = BitLinear_int4(f) only on rows where relu(g)^2 != 0
 * m = RMSNorm_ffn_sub(relu(g)^2 * u); h += BitLinear_sparse(int8 absmax(m))               natural ReLU^2 sparsity
 * </pre>
 * Keeping the b1.58 sub-norms follows the paper's "same block layout as b1.58"; their exact placement in a4.8 is not
 * stated (workloads.md §5.1) and is our assumption.
 */
public final class A48Layer {

    private final LayerConfig config;
    private final BitNetLayerWeights w;
    private final ColumnTernaryWeights woColumns;
    private final ColumnTernaryWeights wDownColumns;
    private final I2sInt4Gemv int4;
    private final I2sGemv i2s;
    private final SparseGemv sparse;
    private final NnOps ops;
    private final Rope rope;
    private final Attention attention;

    public A48Layer(LayerConfig config, BitNetLayerWeights weights, I2sInt4Gemv int4, I2sGemv i2s, SparseGemv sparse,
            NnOps ops) {
        this.config = config;
        this.w = weights;
        this.woColumns = ColumnTernaryWeights.pack(I2sPacker.unpack(weights.wo()));
        this.wDownColumns = ColumnTernaryWeights.pack(I2sPacker.unpack(weights.wDown()));
        this.int4 = int4;
        this.i2s = i2s;
        this.sparse = sparse;
        this.ops = ops;
        this.rope = new Rope(config.rope());
        this.attention = new Attention(ops, config.attention());
    }

    /** Runs the layer on {@code h} (updated in place) for the token at {@code pos}; returns its sparsity. */
    public A48Sparsity decode(float[] h, int pos, KvCache cache) {
        int hidden = config.hidden();
        int ffn = config.ffn();
        float[] a = new float[hidden];
        ops.rmsNorm(h, 0, w.inputNorm(), 0, config.normEps(), a, 0, hidden);
        Int4Activations qa = Int4Quantizer.absmean(a);
        float[] q = int4Linear(w.wq(), qa);
        float[] k = int4Linear(w.wk(), qa);
        float[] v = int4Linear(w.wv(), qa);
        RotaryAngles angles = rope.angles(pos);
        rope.rotateHeads(angles, q, 0, config.attention().heads());
        rope.rotateHeads(angles, k, 0, config.attention().kvHeads());
        cache.append(k, 0, v, 0);
        float[] o = new float[hidden];
        attention.decode(q, 0, cache, o, 0);
        ops.rmsNorm(o, 0, w.attnSubNorm(), 0, config.normEps(), o, 0, hidden);
        TopKSelection topK = TopKSparsifier.a48WoInput(o, 0, hidden);
        float[] attnOut = new float[hidden];
        SparseGemv.Skipped outSkipped = sparse.gemv(woColumns, topK.activations(), attnOut);
        BitNetLayer.addInto(h, attnOut);

        float[] f = new float[hidden];
        ops.rmsNorm(h, 0, w.postNorm(), 0, config.normEps(), f, 0, hidden);
        Int4Activations qf = Int4Quantizer.absmean(f);
        float[] g = int4Linear(w.wGate(), qf);
        float[] gate = new float[ffn];
        float[] ones = new float[ffn];
        java.util.Arrays.fill(ones, 1f);
        ops.reluSquaredGlu(g, 0, ones, 0, gate, 0, ffn);
        float[] u = new float[ffn];
        SparseGemv.Skipped upRows = GatedUpProjection.apply(i2s, w.wUp(), qf, gate, u);
        float[] m = new float[ffn];
        ops.reluSquaredGlu(g, 0, u, 0, m, 0, ffn);
        ops.rmsNorm(m, 0, w.ffnSubNorm(), 0, config.normEps(), m, 0, ffn);
        Int8Activations qm = Int8Quantizer.absmaxI2s(m);
        float[] down = new float[hidden];
        SparseGemv.Skipped downSkipped = sparse.gemv(wDownColumns, qm, down);
        BitNetLayer.addInto(h, down);
        return sparsity(zeroFraction(qa.codes()), outSkipped.fraction(), zeroFraction(qf.codes()), upRows.fraction(),
            downSkipped.fraction());
    }

    private A48Sparsity sparsity(double qkvZeros, double out, double gateZeros, double gateOutputZeros, double down) {
        double up = 1 - (1 - gateZeros) * (1 - gateOutputZeros);
        long h = config.hidden();
        long kv = config.kvWidth();
        long f = config.ffn();
        double qkvWeights = (h + 2 * kv) * h;
        double weighted = qkvZeros * qkvWeights + out * h * h + (gateZeros + up + down) * h * f;
        double total = qkvWeights + h * h + 3.0 * h * f;
        return new A48Sparsity(qkvZeros, out, gateZeros, up, down, weighted / total);
    }

    private float[] int4Linear(I2sWeights weights, Int4Activations x) {
        float[] y = new float[weights.rows()];
        int4.gemv(weights, x, y);
        return y;
    }

    private static double zeroFraction(byte[] codes) {
        int zeros = 0;
        for (byte c : codes) {
            zeros += c == 0 ? 1 : 0;
        }
        return (double) zeros / codes.length;
    }
}
