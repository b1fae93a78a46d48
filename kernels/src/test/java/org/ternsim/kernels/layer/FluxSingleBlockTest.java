// A FLUX.1-dev single-stream block runs at real width and gives the same bits with scalar and Vector API kernels.
package org.ternsim.kernels.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.kernels.gemm.PanamaTernaryA16Gemm;
import org.ternsim.kernels.gemm.ScalarTernaryA16Gemm;
import org.ternsim.kernels.gemm.TernaryA16Gemm;
import org.ternsim.kernels.nn.NnOps;
import org.ternsim.kernels.nn.PanamaNnOps;
import org.ternsim.kernels.nn.ScalarNnOps;

/** The joint sequence of 2 text tokens then 4 image tokens on a 2x2 grid, every Linear at its real shape. */
class FluxSingleBlockTest {

    private static final FluxConfig C = FluxConfig.fluxDev();
    private static final FluxPositions IDS = FluxPositions.concat(FluxPositions.text(2),
            FluxPositions.imageGrid(2, 2));
    private static FluxSingleBlockWeights weights;
    private static float[][] scalar;

    @BeforeAll
    static void weights() {
        long start = System.nanoTime();
        weights = FluxSingleBlockWeights.synthetic(C, 11);
        System.out.printf("FLUX single block: synthetic weights in %.1f s%n", (System.nanoTime() - start) * 1e-9);
    }

    private static float[][] run(TernaryA16Gemm gemm, NnOps ops) {
        long start = System.nanoTime();
        float[][] x = FluxBits.rows(6, C.hidden(), 4000);
        float[] vec = SyntheticWeights.gaussian(C.hidden(), 1f, 5000);
        new FluxSingleBlock(C, weights, gemm, ops).forward(x, vec, IDS);
        System.out.printf("FLUX single block, %s + %s: %.1f s%n", gemm.name(), ops.name(),
                (System.nanoTime() - start) * 1e-9);
        return x;
    }

    private static float[][] scalar() {
        if (scalar == null) {
            scalar = run(new ScalarTernaryA16Gemm(), new ScalarNnOps());
        }
        return scalar;
    }

    @Test
    void weightCountsMatchWorkloads() {
        assertEquals(28_311_552L, weights.modulation().ternaryWeights(), "modulation.lin 3072 -> 9216");
        assertEquals(66_060_288L, weights.linear1().ternaryWeights(), "linear1 3072 -> 21504");
        assertEquals(47_185_920L, weights.linear2().ternaryWeights(), "linear2 15360 -> 3072");
        assertEquals(141_557_760L, weights.ternaryWeights(), "workloads.md §9.3: 141.6 M per single block");
    }

    @Test
    void realWidthBlockIsFiniteAndChangesTheSequence() {
        FluxBits.assertFiniteAndChanged(FluxBits.rows(6, C.hidden(), 4000), scalar(), "x");
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void scalarAndVectorKernelsGiveTheSameBits(int bits) {
        FluxBits.assertSameBits(scalar(), run(PanamaTernaryA16Gemm.forBits(bits), PanamaNnOps.forBits(bits)),
                "x at " + bits + " bits");
    }
}
