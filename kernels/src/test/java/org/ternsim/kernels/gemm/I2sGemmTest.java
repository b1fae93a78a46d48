// The Vector API I2_S GEMM equals N scalar GEMVs bit for bit at every width and tiling, on awkward shapes and extremes.
package org.ternsim.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ternsim.kernels.format.I2sLayout;
import org.ternsim.kernels.format.I2sWeights;
import org.ternsim.kernels.gemv.PanamaI2sGemv;
import org.ternsim.kernels.gemv.ScalarI2sGemv;
import org.ternsim.kernels.quant.Int8Activations;

class I2sGemmTest {

    /** Valid K nearest the DESIGN sizes (x86 blocks of 128). */
    static final int[] COLS = {128, 256, 384, 1024, 2560, 6912};
    /** Largest M x K x N per case beyond M = 1 and 3, so the suite stays fast. */
    static final long MAX_MACS = 200_000;

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void equalsIndependentGemvsOnAwkwardShapes(int bits) {
        Random random = new Random(bits);
        for (int rows : GemmFixtures.ROWS) {
            for (int cols : COLS) {
                for (int n : GemmFixtures.TOKENS) {
                    if (rows > 3 && (long) rows * cols * n > MAX_MACS) {
                        continue;
                    }
                    I2sWeights w = GemmFixtures.weights(random, rows, cols, I2sLayout.X86_128);
                    check(bits, w, GemmFixtures.int8(random, n, cols), rows + "x" + cols + " N=" + n);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256, 512})
    void armLayoutWithVectorTails(int bits) {
        Random random = new Random(64 + bits);
        for (int cols : new int[] {64, 192, 320}) {
            I2sWeights w = GemmFixtures.weights(random, 17, cols, I2sLayout.ARM_64);
            check(bits, w, GemmFixtures.int8(random, 5, cols), "ARM 17x" + cols);
        }
    }

    @Test
    void extremesAtModelWidth() {
        int cols = 6912;
        for (int trit = -1; trit <= 1; trit++) {
            I2sWeights w = GemmFixtures.constantWeights(5, cols, trit);
            Int8Activations[] x = new Int8Activations[5];
            for (int t = 0; t < x.length; t++) {
                byte[] codes = new byte[cols];
                Arrays.fill(codes, t % 2 == 0 ? Byte.MIN_VALUE : Byte.MAX_VALUE);
                x[t] = Int8Activations.of(codes, 127f);
            }
            for (int bits : GemmFixtures.BITS) {
                check(bits, w, x, "trit " + trit);
            }
        }
    }

    @Test
    void scalarGemmIsPerTokenGemv() {
        Random random = new Random(3);
        I2sWeights w = GemmFixtures.weights(random, 33, 384, I2sLayout.X86_128);
        Int8Activations[] x = GemmFixtures.int8(random, 3, 384);
        float[][] y = GemmFixtures.outputs(3, 33);
        new ScalarI2sGemm().gemm(w, x, y);
        for (int t = 0; t < 3; t++) {
            float[] single = new float[33];
            new ScalarI2sGemv().gemv(w, x[t], single);
            GemmFixtures.assertSameBits(new float[][] {single}, new float[][] {y[t]}, "token " + t);
        }
    }

    @Test
    void rejectsBadShapesAndTilings() {
        I2sWeights w = GemmFixtures.constantWeights(2, 128, 1);
        Int8Activations[] x = GemmFixtures.int8(new Random(1), 2, 128);
        I2sGemm gemm = new PanamaI2sGemm(ByteVector.SPECIES_256, GemmTiling.X86_DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> gemm.gemm(w, x, new float[3][2]));
        assertThrows(IllegalArgumentException.class, () -> gemm.gemm(w, x, new float[2][3]));
        assertThrows(IllegalArgumentException.class,
                () -> gemm.gemm(w, GemmFixtures.int8(new Random(1), 2, 256), new float[2][2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GemmTiling(4, 128, 3));
        assertEquals("GEMM parallel size must be 1, 4 or 8 (the bodies that exist), got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GemmTiling(0, 128, 4));
        assertEquals("panama/256-bit/nx1-4x128x4", gemm.name());
    }

    /** Panama GEMM at every tiling == scalar GEMM == Panama GEMV per token. */
    static void check(int bits, I2sWeights w, Int8Activations[] x, String what) {
        int n = x.length;
        float[][] expected = GemmFixtures.outputs(n, w.rows());
        new ScalarI2sGemm().gemm(w, x, expected);
        VectorSpecies<Byte> species = GemmFixtures.bytes(bits);
        float[][] viaGemv = GemmFixtures.outputs(n, w.rows());
        for (int t = 0; t < n; t++) {
            new PanamaI2sGemv(species).gemv(w, x[t], viaGemv[t]);
        }
        GemmFixtures.assertSameBits(expected, viaGemv, bits + "-bit GEMV " + what);
        for (GemmTiling tiling : GemmFixtures.TILINGS) {
            float[][] actual = GemmFixtures.outputs(n, w.rows());
            new PanamaI2sGemm(species, tiling).gemm(w, x, actual);
            GemmFixtures.assertSameBits(expected, actual, bits + "-bit " + tiling + " " + what);
        }
    }
}
