// A 2B4T decoder layer runs at real width and gives the same bits with scalar and Vector API kernels.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemv.PanamaI2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.nn.F16KvCodec;
import org.ternsim.kernels.nn.KvCache;
import org.ternsim.kernels.nn.PanamaNnOps;
import org.ternsim.kernels.nn.ScalarNnOps;

class BitNetLayerTest {

    private static final LayerConfig C = LayerConfig.bitnet2b4t();
    private static BitNetLayerWeights weights;

    @BeforeAll
    static void weights() {
        weights = BitNetLayerWeights.synthetic(C, 42);
    }

    private static float[][] run(BitNetLayer layer, int tokens) {
        KvCache cache = new KvCache(C.attention().kvHeads(), C.attention().headDim(), 8, new F16KvCodec());
        float[][] out = new float[tokens][];
        for (int t = 0; t < tokens; t++) {
            float[] h = SyntheticWeights.gaussian(C.hidden(), 1f, 100 + t);
            layer.decode(h, t, cache);
            out[t] = h;
        }
        assertEquals(tokens, cache.length());
        return out;
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            // NaN sign and payload may differ between implementations (package conventions); its place may not.
            b[i] = Float.isNaN(x[i]) ? 0x7FC00000 : Float.floatToRawIntBits(x[i]);
        }
        return b;
    }

    @Test
    void realWidthLayerIsFiniteAndChangesTheResidual() {
        assertEquals(69_468_160L, weights.ternaryWeights(), "workloads.md §4.3: 69,468,160 ternary weights per layer");
        float[][] out = run(new BitNetLayer(C, weights, new ScalarI2sGemv(), new ScalarNnOps()), 3);
        for (int t = 0; t < out.length; t++) {
            float[] before = SyntheticWeights.gaussian(C.hidden(), 1f, 100 + t);
            double change = 0;
            for (int i = 0; i < C.hidden(); i++) {
                assertTrue(Float.isFinite(out[t][i]), "token " + t + " value " + i);
                change += Math.abs(out[t][i] - before[i]);
            }
            assertTrue(change > 0, "the layer must change the residual stream");
        }
    }

    @Test
    void scalarAndVectorKernelsGiveTheSameBits() {
        float[][] scalar = run(new BitNetLayer(C, weights, new ScalarI2sGemv(), new ScalarNnOps()), 2);
        float[][] vector = run(new BitNetLayer(C, weights, PanamaI2sGemv.forBits(0), PanamaNnOps.forBits(0)), 2);
        for (int t = 0; t < scalar.length; t++) {
            assertArrayEquals(bits(scalar[t]), bits(vector[t]), "token " + t);
        }
    }
}
