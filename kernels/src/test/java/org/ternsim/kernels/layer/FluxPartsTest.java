// The small pieces of the FLUX blocks: position ids, uniform trits, modulation chunks, the W1.58A16 Linear.
package org.ternsim.kernels.layer;

import org.ternsim.kernels.numeric.Bf16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemm.ScalarTernaryA16Gemm;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.gemv.ScalarTernaryA16Gemv;

class FluxPartsTest {

    @Test
    void imageTokensAreRowMajorOnTheGridAndTextTokensAtTheOrigin() {
        FluxPositions img = FluxPositions.imageGrid(2, 3);
        assertEquals(6, img.tokens());
        assertArrayEquals(new int[] {0, 0, 2}, img.of(2));
        assertArrayEquals(new int[] {0, 1, 0}, img.of(3));
        FluxPositions joint = FluxPositions.concat(FluxPositions.text(2), img);
        assertArrayEquals(new int[] {0, 0, 0}, joint.of(1));
        assertArrayEquals(new int[] {0, 1, 2}, joint.of(7));
        joint.ids()[7][1] = 9;
        assertArrayEquals(new int[] {0, 1, 2}, joint.of(7), "ids are copied out");
        assertThrows(IllegalArgumentException.class, () -> new FluxPositions(new int[][] {{0, 1}}));
    }

    @Test
    void tritsAreUniformAndSeeded() {
        byte[] t = FluxSyntheticWeights.uniformTrits(300_000, 5);
        int[] counts = new int[3];
        for (byte b : t) {
            counts[b + 1]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 100_000) < 1_500, "counts " + java.util.Arrays.toString(counts));
        }
        assertArrayEquals(t, FluxSyntheticWeights.uniformTrits(300_000, 5));
    }

    @Test
    void modulationChunksAreShiftScaleGate() {
        float[] out = new float[6 * 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        FluxModulation[] m = FluxModulation.split(out, 2);
        assertEquals(2, m.length);
        assertArrayEquals(new float[] {0, 1}, m[0].shift());
        assertArrayEquals(new float[] {2, 3}, m[0].scale());
        assertArrayEquals(new float[] {10, 11}, m[1].gate());
        assertThrows(IllegalArgumentException.class, () -> FluxModulation.split(new float[5], 2));
    }

    @Test
    void linearIsTheGemvOfBf16InputsPlusBias() {
        FluxLinear l = FluxLinear.synthetic(8, 256, 3);
        float[] x = SyntheticWeights.gaussian(256, 1f, 4);
        float[] y = new W158A16Linear(new ScalarTernaryA16Gemm()).apply(l, new float[][] {x})[0];
        float[] g = new float[8];
        new ScalarTernaryA16Gemv().gemv(l.weight(), W158A16Linear.toBf16(x), g);
        for (int j = 0; j < 8; j++) {
            assertEquals(Float.floatToRawIntBits(g[j] + l.bias()[j]), Float.floatToRawIntBits(y[j]), "row " + j);
        }
        assertEquals(Bf16.fromFloat(x[0]), W158A16Linear.toBf16(x).bits()[0]);
        assertEquals(A16Format.BF16, W158A16Linear.toBf16(x).format());
        assertEquals(FluxSyntheticWeights.WEIGHT_SCALE, l.weight().scale());
    }

    @Test
    void blocksRejectMisshapenWeights() {
        FluxConfig c = FluxConfig.fluxDev();
        FluxLinear small = FluxLinear.synthetic(128, 128, 1);
        FluxSingleBlockWeights w = new FluxSingleBlockWeights(small, small, small, new float[128], new float[128]);
        assertThrows(IllegalArgumentException.class, () -> new FluxSingleBlock(c, w, new ScalarTernaryA16Gemm(),
                new org.ternsim.kernels.nn.ScalarNnOps()));
    }
}
