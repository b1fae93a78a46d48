// T-MAC with 4 bit planes (int4 weights, kernel tmac-w4): format, scalar == Vector API bit for bit, error vs exact.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.ternsim.kernels.quant.IntWeights;

class TmacW4Test {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 63, 64, 65, 127, 128, 129, 257};
    /** Largest M x K per case (512-bit vectors may be emulated). */
    private static final long MAX_VALUES = 40_000;

    @Test
    void int4ValuesMapToCodesValuePlusEight() {
        assertEquals(0, TmacPacker.code(-8, 4));
        assertEquals(8, TmacPacker.code(0, 4));
        assertEquals(15, TmacPacker.code(7, 4));
        assertMessage(() -> TmacPacker.code(8, 4), "-8..7, got 8");
        assertMessage(() -> TmacPacker.code(-9, 4), "-8..7, got -9");
        assertEquals("tmac", TmacShapes.kernelName(2));
        assertEquals("tmac-w4", TmacShapes.kernelName(4));
        assertEquals(0.5f, TmacShapes.alpha(0));
        assertEquals(4f, TmacShapes.alpha(3));
    }

    @Test
    void handCheckedPlanes() {
        // group 0 = (-8, 7, 0, -3): codes 0000, 1111, 1000, 0101; plane i takes bit i of each code, weight k at bit k:
        // plane 0 = 1010b = 10, plane 1 = 0010b = 2, plane 2 = 1010b = 10, plane 3 = 0110b = 6
        // group 1 = (1, 1, 1, 1): code 1001 -> planes 0 and 3 all set (15), planes 1 and 2 clear (0)
        byte[] values = {-8, 7, 0, -3, 1, 1, 1, 1};
        TmacWeights w = TmacPacker.pack(new IntWeights(1, 8, 4, values, 3f));
        assertEquals(4, w.bits());
        // one byte per plane, group 1 in the high nibble; code 0000 (int4 -8) is a valid weight
        assertArrayEquals(new byte[] {(byte) 0xFA, 0x02, 0x0A, (byte) 0xF6}, w.indices());
        assertEquals(6, w.index(0, 3, 0));
        assertEquals(15, w.index(0, 3, 1));
        assertArrayEquals(values, TmacPacker.unpackInts(w).values());
    }

    @Test
    void roundTripOnAwkwardShapes() {
        Random random = new Random(12);
        for (int size : TmacFixtures.AWKWARD) {
            int cols = Math.max(8, Math.round(size / 8f) * 8);
            for (int rows : new int[] {1, 3, 17}) {
                IntWeights t = TmacFixtures.randomInts(random, rows, cols, 4);
                IntWeights back = TmacPacker.unpackInts(TmacPacker.pack(t));
                assertArrayEquals(t.values(), back.values(), rows + "x" + cols);
                assertEquals(t.scale(), back.scale());
                assertEquals(4, back.bits());
            }
        }
    }

    @Test
    void clearErrors() {
        assertMessage(() -> new IntWeights(1, 8, 4, new byte[] {0, 0, 0, 8, 0, 0, 0, 0}, 1f),
                "col 3 is 8; expected -8..7");
        assertMessage(() -> TmacPacker.pack(new IntWeights(1, 8, 3, new byte[8], 1f)), "got 3");
        assertMessage(() -> new TmacWeights(1, 8, 4, new byte[2], 1f), "4 index bytes (1 rows x 4 planes x 1)");
        assertMessage(() -> TmacPacker.unpack(TmacPacker.pack(TmacFixtures.randomInts(new Random(1), 1, 8, 4))),
                "not ternary");
        assertMessage(() -> TmacPacker.pack(TmacFixtures.randomInts(new Random(1), 1, 12, 4)),
                "nearest valid: 8 or 16");
    }

    @Test
    void panamaMatchesScalarOnAwkwardShapes() {
        Random random = new Random(35);
        TmacFixtures.assertPanamaMatchesOnAwkwardShapes(random, ROWS, MAX_VALUES,
            (rows, cols) -> TmacPacker.pack(TmacFixtures.randomInts(random, rows, cols, 4)), "w4 ");
    }

    @Test
    void boundaryWeightsAndActivations() {
        for (int value : new int[] {-8, -1, 0, 7}) {
            for (float a : new float[] {1f, -1f, 0f, 127f, -128f, 1e-30f}) {
                IntWeights t = constant(17, 2560, value);
                float[] x = TmacFixtures.constant(2560, a);
                float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(x),
                        value + " x " + a);
                double exact = TmacError.exact(t, x)[0];
                for (float v : y) {
                    // constant data: entries +-127 and +-63.5 -> 64 (ties to even) as in the 2-plane test, scaled by
                    // alphas up to 4
                    assertEquals(exact, v, Math.abs(a) * 2560 * t.scale() * 0.02 + 1e-6, value + " x " + a);
                }
            }
        }
    }

    @Test
    void dataThatQuantizesExactlyGivesTheExactResult() {
        // one +-1 per 4-group: every entry is +-127 before and after rounding, so only float rounding remains; this
        // checks the alphas 1/2, 1, 2, 4 and the plane-0 bias (an alpha off by one plane is off by ~|y|)
        Random random = new Random(36);
        IntWeights t = TmacFixtures.randomInts(random, 33, 2560, 4);
        float[] x = TmacFixtures.oneSignPerGroup(random, 2560);
        float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(x), "exact data");
        double[] exact = TmacError.exact(t, x);
        for (int row = 0; row < t.rows(); row++) {
            assertEquals(exact[row], y[row], 1e-4 * t.scale() * 640 * 8, "row " + row);
        }
    }

    @Test
    void ternaryValuesInFourPlanesAgreeWithTwoPlanesWithinTheTableError() {
        // the same trits through 2 and 4 planes: different plane sums, same product up to the int8 table rounding
        Random random = new Random(37);
        IntWeights t = IntWeights.of(TmacFixtures.randomTrits(random, 40, 1024));
        IntWeights as4 = new IntWeights(t.rows(), t.cols(), 4, t.values(), t.scale());
        TmacLut lut = TmacTables.build(TmacFixtures.gaussian(random, 1024));
        float[] y2 = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), lut, "2 planes");
        float[] y4 = TmacFixtures.assertPanamaMatches(TmacPacker.pack(as4), lut, "4 planes");
        assertTrue(!Arrays.equals(y2, y4), "4 planes round differently");
        for (int row = 0; row < t.rows(); row++) {
            assertEquals(y2[row], y4[row], 0.1 * Math.sqrt(1024) * t.scale(), "row " + row);
        }
    }

    @Test
    void errorAgainstExactAtLlamaShapes() {
        Random random = new Random(43);
        for (int[] shape : new int[][] {{256, 4096}, {128, 11008 / 64 * 64}}) {
            IntWeights t = TmacFixtures.randomInts(random, shape[0], shape[1], 4);
            float[] x = TmacFixtures.gaussian(random, shape[1]);
            LutErrorReport r = TmacError.measure(t, x, 64, new ScalarTmacGemv());
            System.out.println("tmac-w4 " + shape[0] + "x" + shape[1] + " ags 64: " + r.summary());
            // lossy like 2 planes: the table error is weighted by alphas summing to 7.5 instead of 1.5, and |y| grows
            // with |w| (4.6 rms for uniform int4 against 0.8 for trits), so the error relative to max|y| is similar
            assertTrue(r.maxAbsError() > 0, r.summary());
            assertTrue(r.maxAbsError() / r.maxAbsExact() < 0.02, r.summary());
            LutErrorReport perRow = TmacError.measure(t, x, shape[1], new ScalarTmacGemv());
            System.out.println("tmac-w4 " + shape[0] + "x" + shape[1] + " ags K: " + perRow.summary());
            assertTrue(perRow.maxAbsError() >= r.maxAbsError() * 0.5, "one scale per row is coarser");
        }
    }

    private static IntWeights constant(int rows, int cols, int value) {
        byte[] values = new byte[rows * cols];
        Arrays.fill(values, (byte) value);
        return new IntWeights(rows, cols, 4, values, 0.0625f);
    }

    private static void assertMessage(Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
