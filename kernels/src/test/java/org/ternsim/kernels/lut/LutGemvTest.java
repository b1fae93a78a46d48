// TL1/TL2 kernels: exact against an independent sum of t*q, scalar == Vector API bit for bit at 128/256/512 bits,
// boundary data, and the int16 wrap at and over the original's block limit.
package org.ternsim.kernels.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.Int8Activations;
import org.ternsim.kernels.quant.TernaryWeights;

class LutGemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    /** Largest M x K per case, so the module's tests stay fast; smaller shapes run at every M. */
    private static final long MAX_VALUES = 60_000;

    private final Tl1Gemv scalar1 = new ScalarTl1Gemv();
    private final Tl2Gemv scalar2 = new ScalarTl2Gemv();

    @Test
    void tl1IsExactAndPanamaMatchesOnAwkwardShapes() {
        Random random = new Random(1);
        for (int size : LutFormatTest.AWKWARD) {
            int cols = Math.max(2, size + (size & 1));
            for (int rows : ROWS) {
                if (rows > 1 && (long) rows * cols > MAX_VALUES) {
                    continue;
                }
                TernaryWeights t = LutFixtures.randomTrits(random, rows, cols);
                Int8Activations x = LutFixtures.randomTlCodes(random, cols);
                for (int bk : new int[] {64, 256}) {
                    checkTl1(t, Tl1Packer.pack(t, bk), x, rows + "x" + cols + " BK " + bk);
                }
            }
        }
    }

    @Test
    void tl2IsExactAndPanamaMatchesOnAwkwardShapes() {
        Random random = new Random(2);
        for (int size : LutFormatTest.AWKWARD) {
            int cols = Math.max(32, Math.round(size / 32f) * 32);
            for (int rows : ROWS) {
                if (rows > 1 && (long) rows * cols > MAX_VALUES) {
                    continue;
                }
                TernaryWeights t = LutFixtures.randomTrits(random, rows, cols);
                Int8Activations x = LutFixtures.randomTlCodes(random, cols);
                for (int bk : new int[] {96, 192}) {
                    checkTl2(t, Tl2Packer.pack(t, bk), x, rows + "x" + cols + " BK " + bk);
                }
            }
        }
    }

    @Test
    void modelShapeRowsAreExact() {
        Random random = new Random(3);
        TernaryWeights t = LutFixtures.randomTrits(random, 40, 6912);
        Int8Activations x = LutFixtures.randomTlCodes(random, 6912);
        checkTl1(t, Tl1Packer.pack(t, 128), x, "40x6912");
        checkTl2(t, Tl2Packer.pack(t, 96), x, "40x6912");
    }

    @Test
    void boundaryWeightsAndCodesAreExact() {
        for (int trit = -1; trit <= 1; trit++) {
            for (int code : new int[] {127, -127, 0}) {
                TernaryWeights t = LutFixtures.constantTrits(17, 2560, trit);
                Int8Activations x = LutFixtures.constantCodes(2560, code);
                checkTl1(t, Tl1Packer.pack(t, 256), x, "trit " + trit + " code " + code);
                checkTl2(t, Tl2Packer.pack(t, 96), x, "trit " + trit + " code " + code);
                TernaryWeights t258 = LutFixtures.constantTrits(17, 2580, trit);
                checkTl2(t258, Tl2Packer.pack(t258, 258), LutFixtures.constantCodes(2580, code), "BK 258 trit " + trit);
            }
        }
    }

    @Test
    void tl1WrapsLikeTheOriginalAtAndOverTheLimit() {
        // BK = 256 with |q| <= 127: 128 lookups of at most 254 per block = 32 512, exact.
        TernaryWeights plus = LutFixtures.constantTrits(1, 512, 1);
        assertAll1(Tl1Packer.pack(plus, 256), LutFixtures.constantCodes(512, 127), 127 * 512);
        // Code -128 (outside absmaxTl's range) with all -1 weights: each entry is 256, a block sums to 32 768,
        // which wraps to -32 768 in int16; two blocks give -65 536 instead of +131 072.
        TernaryWeights minus = LutFixtures.constantTrits(1, 512, -1);
        assertAll1(Tl1Packer.pack(minus, 256), LutFixtures.constantCodes(512, -128), -65_536);
        // BK = 260 is over the limit even for |q| <= 127: 130 * 254 = 33 020 wraps to 33 020 - 65 536.
        assertAll1(Tl1Packer.pack(LutFixtures.constantTrits(1, 260, 1), 260),
                LutFixtures.constantCodes(260, 127), 33_020 - 65_536);
    }

    @Test
    void tl2WrapsLikeTheOriginalAtAndOverTheLimit() {
        // BK = 258: 86 triples of at most 381 = 32 766, exact (the largest BK that cannot wrap).
        TernaryWeights plus = LutFixtures.constantTrits(1, 258, 1);
        assertAll2(Tl2Packer.pack(plus, 258), LutFixtures.constantCodes(258, 127), 258 * 127);
        // BK = 264: 88 * 381 = 33 528 wraps to 33 528 - 65 536; the pair part (K = 296: 32 more) stays exact.
        TernaryWeights over = LutFixtures.constantTrits(1, 296, 1);
        assertAll2(Tl2Packer.pack(over, 264), LutFixtures.constantCodes(296, 127), 33_528 - 65_536 + 32 * 127);
        // Negative triples go through the sign path: all -1 weights, codes -127 -> +381 per triple.
        TernaryWeights minus = LutFixtures.constantTrits(1, 264, -1);
        assertAll2(Tl2Packer.pack(minus, 264), LutFixtures.constantCodes(264, -127), 33_528 - 65_536);
    }

    @Test
    void argumentErrorsAreTheSameForEveryImplementation() {
        Tl1Weights w1 = Tl1Packer.pack(LutFixtures.constantTrits(2, 8, 1), 4);
        Tl2Weights w2 = Tl2Packer.pack(LutFixtures.constantTrits(2, 32, 1), 96);
        for (Tl1Gemv k : List.of(scalar1, new PanamaTl1Gemv(256))) {
            assertThrows(IllegalArgumentException.class, () -> k.dot(w1, 0, new byte[7]));
            assertThrows(IndexOutOfBoundsException.class, () -> k.dot(w1, 2, new byte[8]));
            assertThrows(IllegalArgumentException.class,
                    () -> k.gemv(w1, LutFixtures.constantCodes(8, 1), new float[3]));
        }
        for (Tl2Gemv k : List.of(scalar2, new PanamaTl2Gemv(256))) {
            assertThrows(IllegalArgumentException.class, () -> k.dot(w2, 0, new byte[31]));
            assertThrows(IllegalArgumentException.class,
                    () -> k.gemv(w2, LutFixtures.constantCodes(32, 1), new float[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> new PanamaTl1Gemv(64));
        assertEquals("panama/512-bit", PanamaTl2Gemv.forBits(512).name());
    }

    @Test
    void accessorsReturnAWorkingKernel() {
        TernaryWeights t = LutFixtures.randomTrits(new Random(5), 5, 96);
        Int8Activations x = LutFixtures.randomTlCodes(new Random(6), 96);
        assertEquals(LutFixtures.exactDot(t, 4, x.codes()), LutKernels.tl1().dot(Tl1Packer.pack(t, 64), 4, x.codes()));
        assertEquals(LutFixtures.exactDot(t, 4, x.codes()), LutKernels.tl2().dot(Tl2Packer.pack(t, 96), 4, x.codes()));
    }

    private void checkTl1(TernaryWeights t, Tl1Weights w, Int8Activations x, String what) {
        float[] expected = new float[w.rows()];
        scalar1.gemv(w, x, expected);
        for (int row = 0; row < w.rows(); row++) {
            int exact = (int) LutFixtures.exactDot(t, row, x.codes());
            assertEquals(LutEpilogue.output(exact, x.scale(), w.scale()), expected[row], what + " row " + row);
        }
        assertEquals(LutFixtures.exactDot(t, 0, x.codes()), scalar1.dot(w, 0, x.codes()), what);
        for (int bits : LutFixtures.BITS) {
            Tl1Gemv panama = new PanamaTl1Gemv(bits);
            float[] actual = new float[w.rows()];
            panama.gemv(w, x, actual);
            assertSameBits(expected, actual, panama.name() + " TL1 " + what);
            int last = w.rows() - 1;
            assertEquals(scalar1.dot(w, last, x.codes()), panama.dot(w, last, x.codes()), what);
        }
    }

    private void checkTl2(TernaryWeights t, Tl2Weights w, Int8Activations x, String what) {
        float[] expected = new float[w.rows()];
        scalar2.gemv(w, x, expected);
        for (int row = 0; row < w.rows(); row++) {
            int exact = (int) LutFixtures.exactDot(t, row, x.codes());
            assertEquals(LutEpilogue.output(exact, x.scale(), w.scale()), expected[row], what + " row " + row);
        }
        for (int bits : LutFixtures.BITS) {
            Tl2Gemv panama = new PanamaTl2Gemv(bits);
            float[] actual = new float[w.rows()];
            panama.gemv(w, x, actual);
            assertSameBits(expected, actual, panama.name() + " TL2 " + what);
            int last = w.rows() - 1;
            assertEquals(scalar2.dot(w, last, x.codes()), panama.dot(w, last, x.codes()), what);
        }
    }

    private void assertAll1(Tl1Weights w, Int8Activations x, int expected) {
        assertEquals(expected, scalar1.dot(w, 0, x.codes()));
        for (int bits : LutFixtures.BITS) {
            assertEquals(expected, new PanamaTl1Gemv(bits).dot(w, 0, x.codes()), bits + "-bit");
        }
    }

    private void assertAll2(Tl2Weights w, Int8Activations x, int expected) {
        assertEquals(expected, scalar2.dot(w, 0, x.codes()));
        for (int bits : LutFixtures.BITS) {
            assertEquals(expected, new PanamaTl2Gemv(bits).dot(w, 0, x.codes()), bits + "-bit");
        }
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int row = 0; row < expected.length; row++) {
            assertEquals(Float.floatToRawIntBits(expected[row]), Float.floatToRawIntBits(actual[row]),
                    what + " row " + row);
        }
    }
}
