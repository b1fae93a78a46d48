// Ternary x INT4 GEMM equals N INT4 GEMVs bit for bit at every width and tiling, and an independent sum t*q.
package org.ternsim.kernels.gemm;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sPacker;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.PanamaI2sInt4Gemv;
import org.ternsim.kernels.quant.Int4Activations;

class I2sInt4GemmTest {

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void equalsIndependentGemvsOnAwkwardShapes(int bits) {
        Random random = new Random(4 * bits);
        for (int rows : GemmFixtures.ROWS) {
            for (int cols : I2sGemmTest.COLS) {
                for (int n : GemmFixtures.TOKENS) {
                    if (rows > 3 && (long) rows * cols * n > I2sGemmTest.MAX_MACS / 2) {
                        continue;
                    }
                    I2sWeights w = GemmFixtures.weights(random, rows, cols, I2sLayout.X86_128);
                    check(bits, w, GemmFixtures.int4(random, n, cols), rows + "x" + cols + " N=" + n);
                }
            }
        }
    }

    @Test
    void extremeCodesMatchTheSignedSum() {
        int cols = 6912;
        for (int trit = -1; trit <= 1; trit++) {
            I2sWeights w = GemmFixtures.constantWeights(5, cols, trit);
            Int4Activations[] x = new Int4Activations[5];
            float[][] exact = GemmFixtures.outputs(5, 5);
            for (int t = 0; t < x.length; t++) {
                byte[] codes = new byte[cols];
                Arrays.fill(codes, (byte) (t % 2 == 0 ? -8 : 7));
                x[t] = Int4Activations.of(codes, 2f);
                long signed = 0;
                for (int k = 0; k < cols; k++) {
                    signed += (long) (I2sPacker.code(w, 0, k) - 1) * codes[k];
                }
                Arrays.fill(exact[t], ((float) (signed + x[t].sum()) - (float) x[t].sum()) / 2f * w.scale());
            }
            for (int bits : GemmFixtures.BITS) {
                float[][] y = GemmFixtures.outputs(5, 5);
                new PanamaI2sInt4Gemm(GemmFixtures.bytes(bits), GemmTiling.X86_DEFAULT).gemm(w, x, y);
                GemmFixtures.assertSameBits(exact, y, bits + "-bit trit " + trit);
            }
        }
    }

    private static void check(int bits, I2sWeights w, Int4Activations[] x, String what) {
        int n = x.length;
        float[][] expected = GemmFixtures.outputs(n, w.rows());
        new ScalarI2sInt4Gemm().gemm(w, x, expected);
        VectorSpecies<Byte> species = GemmFixtures.bytes(bits);
        float[][] viaGemv = GemmFixtures.outputs(n, w.rows());
        for (int t = 0; t < n; t++) {
            new PanamaI2sInt4Gemv(species).gemv(w, x[t], viaGemv[t]);
        }
        GemmFixtures.assertSameBits(expected, viaGemv, bits + "-bit GEMV " + what);
        for (GemmTiling tiling : GemmFixtures.TILINGS) {
            float[][] actual = GemmFixtures.outputs(n, w.rows());
            new PanamaI2sInt4Gemm(species, tiling).gemm(w, x, actual);
            GemmFixtures.assertSameBits(expected, actual, bits + "-bit " + tiling + " " + what);
        }
    }
}
