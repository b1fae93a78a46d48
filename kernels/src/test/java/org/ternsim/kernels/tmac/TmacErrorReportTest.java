// Measured error of T-MAC's int8 tables against the exact double result at BitNet b1.58 2B4T shapes.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ternsim.kernels.quant.TernaryWeights;

class TmacErrorReportTest {

    @Test
    void reportArithmetic() {
        LutErrorReport r = LutErrorReport.of(new double[] {1, -2, 0, 4}, new float[] {1.5f, -2f, 0.25f, 3f});
        assertEquals(4, r.rows());
        assertEquals(1.0, r.maxAbsError());
        assertEquals(0.5, r.maxRelError());
        assertEquals((0.5 + 0 + 0.25) / 3, r.meanRelError(), 1e-12);
        assertEquals(1, r.zeroRows());
        assertEquals(4, r.maxAbsExact());
        assertEquals(Double.POSITIVE_INFINITY, LutErrorReport.of(new double[] {1}, new float[] {Float.NaN}).maxAbsError());
    }

    @Test
    void errorAt2b4tShapesOnGaussianActivations() {
        Random random = new Random(41);
        for (int[] shape : new int[][] {{640, 2560}, {2560, 2560}}) {
            TernaryWeights t = TmacFixtures.randomTrits(random, shape[0], shape[1]);
            float[] x = TmacFixtures.gaussian(random, shape[1]);
            LutErrorReport r = TmacError.measure(t, x, 64, new ScalarTmacGemv());
            System.out.println("tmac " + shape[0] + "x" + shape[1] + " ags 64: " + r.summary());
            // int8 tables: entry error <= lut_scale / 2, lut_scale ~ 2.5 / 127 for N(0,1) groups of 64
            assertTrue(r.maxAbsError() / r.maxAbsExact() < 0.01, r.summary());
            assertTrue(r.meanRelError() < 0.05, r.summary());
            LutErrorReport perRow = TmacError.measure(t, x, shape[1], new ScalarTmacGemv());
            System.out.println("tmac " + shape[0] + "x" + shape[1] + " ags K: " + perRow.summary());
            assertTrue(perRow.maxAbsError() >= r.maxAbsError() * 0.5, "one scale per row is coarser");
        }
    }

    @Test
    void outliersInflateTheError() {
        // one activation of 100 in each group of 64 sets lut_scale ~ 100/127: the other entries lose most bits
        Random random = new Random(42);
        TernaryWeights t = TmacFixtures.randomTrits(random, 256, 2560);
        float[] x = TmacFixtures.gaussian(random, 2560);
        LutErrorReport clean = TmacError.measure(t, x, 64, new ScalarTmacGemv());
        for (int k = 0; k < x.length; k += 64) {
            x[k] = 100f;
        }
        LutErrorReport outliers = TmacError.measure(t, x, 64, new ScalarTmacGemv());
        System.out.println("tmac 256x2560 outliers: " + outliers.summary());
        assertTrue(outliers.maxAbsError() > 5 * clean.maxAbsError(), outliers.summary() + " vs " + clean.summary());
    }
}
