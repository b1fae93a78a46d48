// W1.58A16 GEMM equals N scalar GEMVs bit for bit at every width and tiling, including inf, NaN and subnormal tokens.
package org.ternsim.kernels.gemm;

import java.util.Random;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.A16Activations;
import org.ternsim.kernels.gemv.A16Format;
import org.ternsim.kernels.gemv.PanamaTernaryA16Gemv;

class TernaryA16GemmTest {

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void equalsIndependentGemvsOnAwkwardShapes(int bits) {
        Random random = new Random(16 * bits);
        for (int rows : GemmFixtures.ROWS) {
            for (int cols : I2sGemmTest.COLS) {
                for (int n : GemmFixtures.TOKENS) {
                    if (rows > 3 && (long) rows * cols * n > I2sGemmTest.MAX_MACS / 2) {
                        continue;
                    }
                    A16Format format = n % 2 == 0 ? A16Format.F16 : A16Format.BF16;
                    I2sLayout layout = rows % 2 == 0 ? I2sLayout.ARM_64 : I2sLayout.X86_128;
                    I2sWeights w = GemmFixtures.weights(random, rows, cols, layout);
                    check(bits, w, GemmFixtures.a16(random, n, cols, format), format + " " + rows + "x" + cols
                            + " N=" + n);
                }
            }
        }
    }

    @Test
    void specialTokens() {
        Random random = new Random(7);
        short[] specials = {0x7C00, (short) 0xFC00, 0x7E01, 0x0001, (short) 0x83FF, 0x7BFF};
        for (int trit = -1; trit <= 1; trit++) {
            I2sWeights w = trit == 0 ? GemmFixtures.weights(random, 9, 384, I2sLayout.X86_128)
                    : GemmFixtures.constantWeights(9, 384, trit);
            A16Activations[] x = GemmFixtures.a16(random, 8, 384, A16Format.F16);
            for (int t = 0; t < x.length; t++) {
                x[t].bits()[random.nextInt(384)] = specials[t % specials.length];
            }
            for (int bits : GemmFixtures.BITS) {
                check(bits, w, x, "specials trit " + trit);
            }
        }
    }

    private static void check(int bits, I2sWeights w, A16Activations[] x, String what) {
        int n = x.length;
        float[][] expected = GemmFixtures.outputs(n, w.rows());
        new ScalarTernaryA16Gemm().gemm(w, x, expected);
        VectorSpecies<Float> species = GemmFixtures.floats(bits);
        float[][] viaGemv = GemmFixtures.outputs(n, w.rows());
        for (int t = 0; t < n; t++) {
            new PanamaTernaryA16Gemv(species).gemv(w, x[t], viaGemv[t]);
        }
        GemmFixtures.assertSameBits(expected, viaGemv, bits + "-bit GEMV " + what);
        for (GemmTiling tiling : GemmFixtures.TILINGS) {
            float[][] actual = GemmFixtures.outputs(n, w.rows());
            new PanamaTernaryA16Gemm(species, tiling).gemm(w, x, actual);
            GemmFixtures.assertSameBits(expected, actual, bits + "-bit " + tiling + " " + what);
        }
    }
}
