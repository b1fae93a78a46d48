// A FLUX.1-dev double-stream block runs at real width and gives the same bits with scalar and Vector API kernels.
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

/** 4 image tokens on a 2x2 latent grid and 2 text tokens, every Linear at its real FLUX.1-dev shape. */
class FluxDoubleBlockTest {

    private static final FluxConfig C = FluxConfig.fluxDev();
    private static final FluxPositions IMG_IDS = FluxPositions.imageGrid(2, 2);
    private static final FluxPositions TXT_IDS = FluxPositions.text(2);
    private static FluxDoubleBlockWeights weights;
    private static float[][][] scalar;

    @BeforeAll
    static void weights() {
        long start = System.nanoTime();
        weights = FluxDoubleBlockWeights.synthetic(C, 7);
        System.out.printf("FLUX double block: synthetic weights in %.1f s%n", (System.nanoTime() - start) * 1e-9);
    }

    /** {img, txt} after the block; inputs seeded so that every run starts from the same state. */
    private static float[][][] run(TernaryA16Gemm gemm, NnOps ops) {
        long start = System.nanoTime();
        float[][] img = FluxBits.rows(4, C.hidden(), 1000);
        float[][] txt = FluxBits.rows(2, C.hidden(), 2000);
        float[] vec = SyntheticWeights.gaussian(C.hidden(), 1f, 3000);
        new FluxDoubleBlock(C, weights, gemm, ops).forward(img, txt, vec, IMG_IDS, TXT_IDS);
        System.out.printf("FLUX double block, %s + %s: %.1f s%n", gemm.name(), ops.name(),
                (System.nanoTime() - start) * 1e-9);
        return new float[][][] {img, txt};
    }

    private static float[][][] scalar() {
        if (scalar == null) {
            scalar = run(new ScalarTernaryA16Gemm(), new ScalarNnOps());
        }
        return scalar;
    }

    @Test
    void weightCountsMatchWorkloads() {
        assertEquals(169_869_312L, weights.img().ternaryWeights(), "workloads.md §9.3: one stream");
        assertEquals(56_623_104L, weights.img().mod().ternaryWeights(), "img_mod.lin 3072 -> 18432");
        assertEquals(339_738_624L, weights.ternaryWeights(), "workloads.md §9.3: 339.7 M per double block");
    }

    @Test
    void realWidthBlockIsFiniteAndChangesBothStreams() {
        float[][][] out = scalar();
        FluxBits.assertFiniteAndChanged(FluxBits.rows(4, C.hidden(), 1000), out[0], "img");
        FluxBits.assertFiniteAndChanged(FluxBits.rows(2, C.hidden(), 2000), out[1], "txt");
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void scalarAndVectorKernelsGiveTheSameBits(int bits) {
        float[][][] vector = run(PanamaTernaryA16Gemm.forBits(bits), PanamaNnOps.forBits(bits));
        FluxBits.assertSameBits(scalar()[0], vector[0], "img at " + bits + " bits");
        FluxBits.assertSameBits(scalar()[1], vector[1], "txt at " + bits + " bits");
    }
}
