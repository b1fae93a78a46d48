// A BitNet a4.8 layer at 2B4T width: bit-identical across kernels, and its sparsity set against the paper's table.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemv.PanamaI2sGemv;
import org.ternsim.kernels.gemv.PanamaI2sInt4Gemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.LowBitKvCodec;
import org.ternsim.kernels.nn.PanamaNnOps;
import org.ternsim.kernels.nn.ScalarNnOps;
import org.ternsim.kernels.quant.KvCacheQuantizer;
import org.ternsim.kernels.sparse.PanamaSparseGemv;
import org.ternsim.kernels.sparse.ScalarSparseGemv;

class A48LayerTest {

    private static final LayerConfig C = LayerConfig.bitnet2b4t();
    private static BitNetLayerWeights weights;

    @BeforeAll
    static void weights() {
        weights = BitNetLayerWeights.synthetic(C, 7);
    }

    private record Run(float[][] states, List<A48Sparsity> sparsity) {
    }

    private static Run run(A48Layer layer, int tokens) {
        KvCache cache = new KvCache(C.attention().kvHeads(), C.attention().headDim(), 8,
            new LowBitKvCodec(KvCacheQuantizer.A48));
        float[][] states = new float[tokens][];
        List<A48Sparsity> sparsity = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            float[] h = SyntheticWeights.gaussian(C.hidden(), 1f, 200 + t);
            sparsity.add(layer.decode(h, t, cache));
            states[t] = h;
        }
        return new Run(states, sparsity);
    }

    private static A48Layer scalarLayer() {
        return new A48Layer(C, weights, new ScalarI2sInt4Gemv(), new ScalarI2sGemv(), new ScalarSparseGemv(),
            new ScalarNnOps());
    }

    @Test
    void scalarAndVectorKernelsGiveTheSameBits() {
        Run scalar = run(scalarLayer(), 2);
        Run vector = run(new A48Layer(C, weights, PanamaI2sInt4Gemv.forBits(0), PanamaI2sGemv.forBits(0),
            PanamaSparseGemv.forBits(0), PanamaNnOps.forBits(0)), 2);
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < C.hidden(); i++) {
                assertTrue(Float.isFinite(scalar.states()[t][i]));
                assertEquals(Float.floatToRawIntBits(scalar.states()[t][i]), Float.floatToRawIntBits(vector.states()[t][i]),
                    "token " + t + " value " + i);
            }
        }
        assertEquals(scalar.sparsity(), vector.sparsity());
    }

    /**
     * On synthetic data the input-side sparsities follow from the quantizers and match the paper (a4.8 Table 2:
     * QKV and Gate 12%, Out 50%). Gate-output and Down sparsity depend on trained weights: random ternary weights
     * make the gate pre-activation symmetric, so about half of relu(g)^2 is zero (paper: 67.5%), which puts Up near
     * 1 - 0.88 * 0.5 = 56% (paper 71.4%). The test pins what the kernels can be held to and prints the rest.
     */
    @Test
    void sparsityPerProjectionMatchesWhatTheQuantizersImply() {
        A48Sparsity s = run(scalarLayer(), 3).sparsity().get(2);
        System.out.println("a4.8 on 2B4T shapes, synthetic weights, token 3: " + s.summary());
        assertTrue(s.qkv() > 0.09 && s.qkv() < 0.15, s.summary());
        assertTrue(s.gate() > 0.09 && s.gate() < 0.15, s.summary());
        assertTrue(s.out() >= 0.5 && s.out() < 0.55, s.summary());
        assertTrue(s.up() > 0.45 && s.up() < 0.65, s.summary());
        assertTrue(s.down() > s.up(), s.summary());
        assertTrue(s.overall() > 0.2 && s.overall() < 0.7, s.summary());
    }
}
