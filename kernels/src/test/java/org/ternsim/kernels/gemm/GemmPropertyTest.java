// Random small shapes, token counts and tilings: every Vector API GEMM equals its scalar reference bit for bit.
package org.ternsim.kernels.gemm;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.quant.Int8Activations;

class GemmPropertyTest {

    @Property(tries = 60)
    void panamaGemmsEqualScalar(@ForAll @IntRange(min = 1, max = 20) int rows,
                                @ForAll @IntRange(min = 1, max = 8) int blocks,
                                @ForAll @IntRange(min = 1, max = 9) int tokens,
                                @ForAll @IntRange(min = 1, max = 6) int rowBlock,
                                @ForAll @IntRange(min = 1, max = 9) int colBlock,
                                @ForAll @IntRange(min = 0, max = 2) int parallelIndex,
                                @ForAll I2sLayout layout,
                                @ForAll A16Format format,
                                @ForAll long seed) {
        Random random = new Random(seed);
        int cols = blocks * layout.blockSize();
        I2sWeights w = GemmFixtures.weights(random, rows, cols, layout);
        GemmTiling tiling = new GemmTiling(rowBlock, colBlock, new int[] {1, 4, 8}[parallelIndex]);
        Int8Activations[] x8 = GemmFixtures.int8(random, tokens, cols);
        A16Activations[] x16 = GemmFixtures.a16(random, tokens, cols, format);
        float[][] expected8 = GemmFixtures.outputs(tokens, rows);
        float[][] expected16 = GemmFixtures.outputs(tokens, rows);
        new ScalarI2sGemm().gemm(w, x8, expected8);
        new ScalarTernaryA16Gemm().gemm(w, x16, expected16);
        for (int bits : GemmFixtures.BITS) {
            float[][] actual = GemmFixtures.outputs(tokens, rows);
            new PanamaI2sGemm(GemmFixtures.bytes(bits), tiling).gemm(w, x8, actual);
            GemmFixtures.assertSameBits(expected8, actual, bits + "-bit i2_s " + tiling);
            new PanamaTernaryA16Gemm(GemmFixtures.floats(bits), tiling).gemm(w, x16, actual);
            GemmFixtures.assertSameBits(expected16, actual, bits + "-bit " + format + " " + tiling);
        }
    }
}
