// TL2_0: tables follow TL2's index maps, scalar == Vector API bit for bit at 128/256/512 bits, error vs exact is small.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryWeights;
import org.ternsim.kernels.tmac.LutErrorReport;
import org.ternsim.kernels.tmac.TmacError;

class Tl20GemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 33, 129};
    private final Tl20Gemv scalar = new ScalarTl20Gemv();

    @Test
    void tableEntriesAreTheTripleAndPairDotProductsWhenExact() {
        // Activations whose sums are exact in float and a scale of 1: every entry must equal sum trit_i * a_i.
        float[] x = new float[48];
        for (int t = 0; t < 16; t++) {
            x[3 * t] = 100;
            x[3 * t + 1] = 20;
            x[3 * t + 2] = 7;
        }
        Tl20Lut lut = Tl20Tables.build(x, 24, 24);
        assertEquals(127f / 127f, lut.threeScale());
        for (int v = 0; v < TripleIndex.ENTRIES; v++) {
            int dot = 100 * TripleIndex.trit(v, 0) + 20 * TripleIndex.trit(v, 1) + 7 * TripleIndex.trit(v, 2);
            assertEquals(dot, lut.triples()[v], "triple entry " + v);
        }
        float s2 = lut.twoScale();
        for (int i = 0; i < 9; i++) {
            float a0 = x[24];
            float a1 = x[25];
            float dot = a0 * PairIndex.first(i) + a1 * PairIndex.second(i);
            assertEquals(Math.rint(dot / s2), lut.pairs()[i], 1.0, "pair entry " + i);
        }
    }

    @Test
    void panamaEqualsScalarAtEveryWidthOnAwkwardShapes() {
        Random random = new Random(5);
        for (int cols : new int[] {32, 96, 128, 224, 256, 1000 / 32 * 32, 2560}) {
            for (int rows : ROWS) {
                if ((long) rows * cols > 80_000) {
                    continue;
                }
                TernaryWeights t = LutFixtures.randomTrits(random, rows, cols);
                float[] x = gaussian(random, cols);
                for (int bk : new int[] {96, 192}) {
                    check(Tl2Packer.pack(t, bk), x, rows + "x" + cols + " BK " + bk);
                }
            }
        }
    }

    @Test
    void boundaryDataAndZeroActivations() {
        for (int trit = -1; trit <= 1; trit++) {
            TernaryWeights t = LutFixtures.constantTrits(17, 2560, trit);
            float[] big = new float[2560];
            Arrays.fill(big, -3.5f);
            check(Tl2Packer.pack(t, 96), big, "trit " + trit);
            float[] zero = new float[2560];
            float[] y = new float[17];
            scalar.gemv(Tl2Packer.pack(t, 96), zero, y);
            for (float v : y) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void errorAgainstExactIsReportedAndSmall() {
        Random random = new Random(7);
        TernaryWeights t = LutFixtures.randomTrits(random, 64, 2560);
        float[] x = gaussian(random, 2560);
        float[] y = new float[64];
        LutKernels.tl20().gemv(Tl2Packer.pack(t, 96), x, y);
        LutErrorReport e = LutErrorReport.of(TmacError.exact(t, x), y);
        // int8 tables over ~850 triples: a few per cent of |y|, never the sign of the whole output.
        assertTrue(e.maxAbsError() > 0, "int8 tables must lose something on Gaussian data");
        assertTrue(e.maxAbsError() < 0.1 * e.maxAbsExact(), e.summary());
    }

    @Test
    void rejectsBlocksTheScaleScanDoesNotCover() {
        TernaryWeights t = LutFixtures.randomTrits(new Random(1), 2, 96);
        assertThrows(IllegalArgumentException.class, () -> scalar.gemv(Tl2Packer.pack(t, 6), new float[96], new float[2]));
    }

    private void check(Tl2Weights w, float[] x, String what) {
        float[] expected = new float[w.rows()];
        scalar.gemv(w, x, expected);
        for (int bits : new int[] {128, 256, 512}) {
            float[] actual = new float[w.rows()];
            new PanamaTl20Gemv(bits).gemv(w, x, actual);
            assertArrayEquals(expected, actual, what + " at " + bits + " bits");
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
