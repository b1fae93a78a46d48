// A BitNet v2 layer at its 400M width: finite, bit-identical across kernels, and the Hadamard really applied.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemv.PanamaI2sInt4Gemv;
import org.ternsim.kernels.gemv.ScalarI2sInt4Gemv;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.LowBitKvCodec;
import org.ternsim.kernels.nn.PanamaNnOps;
import org.ternsim.kernels.nn.ScalarNnOps;
import org.ternsim.kernels.quant.Hadamard;
import org.ternsim.kernels.quant.KvCacheQuantizer;
import org.ternsim.kernels.quant.PanamaHadamard;
import org.ternsim.kernels.quant.ScalarHadamard;

class V2LayerTest {

    private static final LayerConfig C = LayerConfig.bitnetV2_400m();
    private static BitNetLayerWeights weights;

    @BeforeAll
    static void weights() {
        weights = BitNetLayerWeights.synthetic(C, 11);
    }

    private static float[][] run(V2Layer layer, int tokens) {
        KvCache cache = new KvCache(C.attention().kvHeads(), C.attention().headDim(), 8,
            new LowBitKvCodec(KvCacheQuantizer.V2));
        float[][] out = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            float[] h = SyntheticWeights.gaussian(C.hidden(), 1f, 300 + t);
            layer.decode(h, t, cache);
            out[t] = h;
        }
        return out;
    }

    @Test
    void scalarAndVectorKernelsGiveTheSameBits() {
        float[][] s = run(new V2Layer(C, weights, new ScalarI2sInt4Gemv(), new ScalarHadamard(), new ScalarNnOps()), 3);
        float[][] v = run(new V2Layer(C, weights, PanamaI2sInt4Gemv.forBits(0), PanamaHadamard.forBits(0),
            PanamaNnOps.forBits(0)), 3);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < C.hidden(); i++) {
                assertTrue(Float.isFinite(s[t][i]));
                assertEquals(Float.floatToRawIntBits(s[t][i]), Float.floatToRawIntBits(v[t][i]), "token " + t + " " + i);
            }
        }
    }

    @Test
    void theHadamardChangesTheResult() {
        Hadamard identity = new Hadamard() {
            @Override
            public String name() {
                return "identity";
            }

            @Override
            public void transform(float[] x, int offset, int length, int block) {
            }
        };
        float[][] with = run(new V2Layer(C, weights, new ScalarI2sInt4Gemv(), new ScalarHadamard(), new ScalarNnOps()), 1);
        float[][] without = run(new V2Layer(C, weights, new ScalarI2sInt4Gemv(), identity, new ScalarNnOps()), 1);
        assertFalse(java.util.Arrays.equals(with[0], without[0]));
    }
}
