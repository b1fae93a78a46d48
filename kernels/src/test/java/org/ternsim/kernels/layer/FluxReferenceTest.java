// Both FLUX blocks agree with a double-precision transcription of the PyTorch code at a narrow width.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.nn.AttentionShape;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.RopeSpec;

/**
 * The real-width tests prove the blocks run and agree across kernels, not that they compute FLUX; this one checks
 * the dataflow (chunk order, q/k/v offsets, stream split, RoPE axes) at hidden 256 = 2 heads of 128, MLP 512, where
 * a dense double reference is cheap. Positions use a 2x3 grid so both image axes rotate.
 */
class FluxReferenceTest {

    private static final FluxConfig SMALL = new FluxConfig(256, new AttentionShape(2, 2, 128), 512,
            NnOps.LAYER_NORM_EPS_FLUX, NnOps.LAYER_NORM_EPS_FLUX, RopeSpec.flux());
    /** Float32 rounding and rare bf16 boundary flips of Linear inputs stay far below this (measured ~1e-7). */
    private static final double TOLERANCE = 1e-4;

    @Test
    void doubleBlockMatchesTheReference() {
        FluxDoubleBlockWeights w = FluxDoubleBlockWeights.synthetic(SMALL, 21);
        float[][] img = FluxBits.rows(6, 256, 100);
        float[][] txt = FluxBits.rows(3, 256, 200);
        float[] vec = SyntheticWeights.gaussian(256, 1f, 300);
        FluxPositions imgIds = FluxPositions.imageGrid(2, 3);
        FluxPositions txtIds = FluxPositions.text(3);
        double[][][] ref = new FluxReference(SMALL).doubleBlock(w, img, txt, vec, imgIds, txtIds);
        new FluxDoubleBlock(SMALL, w, TernaryA16Gemm.selected(), NnOps.selected())
                .forward(img, txt, vec, imgIds, txtIds);
        assertClose(ref[0], img, "img");
        assertClose(ref[1], txt, "txt");
    }

    @Test
    void singleBlockMatchesTheReference() {
        FluxSingleBlockWeights w = FluxSingleBlockWeights.synthetic(SMALL, 22);
        float[][] x = FluxBits.rows(8, 256, 400);
        float[] vec = SyntheticWeights.gaussian(256, 1f, 500);
        FluxPositions ids = FluxPositions.concat(FluxPositions.text(2), FluxPositions.imageGrid(2, 3));
        double[][] ref = new FluxReference(SMALL).singleBlock(w, x, vec, ids);
        new FluxSingleBlock(SMALL, w, TernaryA16Gemm.selected(), NnOps.selected()).forward(x, vec, ids);
        assertClose(ref, x, "x");
    }

    private static void assertClose(double[][] expected, float[][] actual, String what) {
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < expected[t].length; i++) {
                double err = Math.abs(expected[t][i] - actual[t][i]) / Math.max(1.0, Math.abs(expected[t][i]));
                worst = Math.max(worst, err);
            }
        }
        System.out.printf("FLUX reference, %s: worst relative error %.2e%n", what, worst);
        assertTrue(worst < TOLERANCE, what + ": worst relative error " + worst);
    }
}
