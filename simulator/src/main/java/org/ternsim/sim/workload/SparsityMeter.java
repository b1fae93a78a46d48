// Measures a4.8 activation sparsity by running the functional a4.8 layer on synthetic weights and activations.
package org.ternsim.sim.workload;

import org.ternsim.kernels.gemv.PanamaI2sGemv;
import org.ternsim.kernels.gemv.PanamaI2sInt4Gemv;
import org.ternsim.kernels.layer.A48Layer;
import org.ternsim.kernels.layer.A48Sparsity;
import org.ternsim.kernels.layer.BitNetLayerWeights;
import org.ternsim.kernels.layer.LayerConfig;
import org.ternsim.kernels.layer.SyntheticWeights;
import org.ternsim.kernels.nn.AttentionShape;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.LowBitKvCodec;
import org.ternsim.kernels.nn.PanamaNnOps;
import org.ternsim.kernels.nn.RopePairing;
import org.ternsim.kernels.nn.RopeSpec;
import org.ternsim.kernels.quant.KvCacheQuantizer;
import org.ternsim.kernels.sparse.PanamaSparseGemv;

/**
 * One layer of the workload's shape with seeded synthetic ternary weights decodes {@code TOKENS} Gaussian hidden
 * states; the sparsity of the last token is reported. Synthetic weights are not trained weights: input-side
 * sparsities (QKV, Gate from INT4 zeros; Out from Top-K) follow the quantizers and match the paper, while the
 * gate-output and Down sparsities of a trained model (ReLU^2 of learned gates) are not reproduced
 * (A48LayerTest documents the gap). That is why the workload files default to the paper's values.
 */
public final class SparsityMeter {

    static final int TOKENS = 3;

    private SparsityMeter() {
    }

    public static Workload.Sparsity measure(Workload w, long seed) {
        Workload.LlmShape s = w.llm();
        if (s == null) {
            throw new IllegalArgumentException("sparsity can be measured for LLM workloads only");
        }
        LayerConfig c = new LayerConfig(s.hidden(), s.ffn(), new AttentionShape(s.heads(), s.kvHeads(), s.headDim()),
            1e-5f, new RopeSpec(s.headDim(), 500_000.0, new int[] {s.headDim()}, RopePairing.HALF_SPLIT));
        A48Layer layer = new A48Layer(c, BitNetLayerWeights.synthetic(c, seed), PanamaI2sInt4Gemv.forBits(0),
            PanamaI2sGemv.forBits(0), PanamaSparseGemv.forBits(0), PanamaNnOps.forBits(0));
        KvCache cache = new KvCache(s.kvHeads(), s.headDim(), TOKENS, new LowBitKvCodec(KvCacheQuantizer.A48));
        A48Sparsity last = null;
        for (int t = 0; t < TOKENS; t++) {
            last = layer.decode(SyntheticWeights.gaussian(s.hidden(), 1f, seed + 100 + t), t, cache);
        }
        return new Workload.Sparsity("measured", last.qkv(), last.out(), last.gate(), last.up(), last.down(),
            "measured: functional a4.8 layer (A48Layer), synthetic ternary weights seed " + seed + ", Gaussian hidden "
                + "states, token " + TOKENS + " of " + TOKENS);
    }
}
