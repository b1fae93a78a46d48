// T-MAC GEMV: scalar == Vector API bit for bit at 128/256/512 bits on awkward shapes, boundary data, kernel selection.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryWeights;

class TmacGemvTest {

    private static final int[] ROWS = {1, 3, 15, 16, 17, 31, 33, 127, 128, 129, 255, 256, 257, 1000};
    /** Largest M x K per case (512-bit vectors may be emulated); smaller shapes run at every M. */
    private static final long MAX_VALUES = 60_000;

    @Test
    void panamaMatchesScalarOnAwkwardShapes() {
        Random random = new Random(31);
        TmacFixtures.assertPanamaMatchesOnAwkwardShapes(random, ROWS, MAX_VALUES,
            (rows, cols) -> TmacPacker.pack(TmacFixtures.randomTrits(random, rows, cols)), "");
    }

    @Test
    void otherActivationGroupSizesIncludingOnePerRow() {
        Random random = new Random(32);
        for (int group : new int[] {32, 96, 128, 2560}) {
            TernaryWeights t = TmacFixtures.randomTrits(random, 19, 2560 / group * group);
            float[] x = TmacFixtures.gaussian(random, t.cols());
            float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(x, group), "group " + group);
            double[] exact = TmacError.exact(t, x);
            for (int row = 0; row < t.rows(); row++) {
                assertEquals(exact[row], y[row], 0.05 * Math.sqrt(t.cols()) * t.scale(), "group " + group + " row " + row);
            }
        }
    }

    @Test
    void boundaryWeightsAndActivations() {
        for (int trit = -1; trit <= 1; trit++) {
            for (float a : new float[] {1f, -1f, 0f, 127f, -128f, 1e-30f}) {
                TernaryWeights t = TmacFixtures.constantTrits(17, 2560, trit);
                float[] x = TmacFixtures.constant(2560, a);
                float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(x), "trit " + trit + " a " + a);
                double exact = TmacError.exact(t, x)[0];
                for (float v : y) {
                    // constant data: entries (2p - 4) / 4 * 127 hit .5 ties (p = 1, 3 -> -63.5, 63.5 -> -64, 64)
                    assertEquals(exact, v, Math.abs(exact) * 0.02 + 1e-6 * Math.abs(a) * 2560 * t.scale(),
                            "trit " + trit + " a " + a);
                }
            }
        }
    }

    @Test
    void dataThatQuantizesExactlyGivesTheExactResult() {
        // one non-zero activation (+-1) per 4-group: every entry is +-1 * 127 / 127, quantized without loss, so only
        // float rounding remains; this checks the plane weights 1/2 and 1 and the bias independently of the tables
        Random random = new Random(34);
        TernaryWeights t = TmacFixtures.randomTrits(random, 33, 2560);
        float[] x = TmacFixtures.oneSignPerGroup(random, 2560);
        float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(x), "exact data");
        double[] exact = TmacError.exact(t, x);
        for (int row = 0; row < t.rows(); row++) {
            assertEquals(exact[row], y[row], 1e-4 * t.scale() * 640, "row " + row);
        }
    }

    @Test
    void zeroActivationsGiveZero() {
        TernaryWeights t = TmacFixtures.randomTrits(new Random(33), 9, 128);
        float[] y = TmacFixtures.assertPanamaMatches(TmacPacker.pack(t), TmacTables.build(new float[128]), "zero x");
        for (float v : y) {
            assertEquals(0f, Math.abs(v));
        }
    }

    @Test
    void argumentErrors() {
        TmacWeights w = TmacPacker.pack(TmacFixtures.constantTrits(2, 128, 1));
        TmacLut lut = TmacTables.build(new float[64]);
        assertThrows(IllegalArgumentException.class, () -> new ScalarTmacGemv().gemv(w, lut, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new PanamaTmacGemv(256).gemv(w, lut, new float[2]));
        TmacLut ok = TmacTables.build(new float[128]);
        assertThrows(IllegalArgumentException.class, () -> new ScalarTmacGemv().gemv(w, ok, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new PanamaTmacGemv(64));
    }

    @Test
    void selectedKernelIsPanamaOrScalar() {
        String name = TmacKernels.tmac().name();
        assertTrue(name.equals("scalar") || name.startsWith("panama/"), name);
        assertEquals("panama/256-bit", PanamaTmacGemv.forBits(256).name());
    }
}
