// T-MAC table construction: mirror consolidation vs a direct signed sum, hand-checked int8 entries, scales, biases.
package org.ternsim.kernels.tmac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TmacTablesTest {

    @Test
    void mirrorConsolidatedEntriesEqualTheDirectSignedSum() {
        Random random = new Random(21);
        float[] x = TmacFixtures.gaussian(random, 4096);
        float[] table = new float[16];
        for (int group = 0; group < 1024; group++) {
            TmacTables.floatTable(x, group, table);
            for (int g = 0; g < 16; g++) {
                // left to right, + a_k where bit k of g is set: equal bit for bit, since rounding is sign-symmetric
                float direct = sign(g, 0) * x[4 * group];
                double exact = direct;
                for (int k = 1; k < 4; k++) {
                    direct = direct + sign(g, k) * x[4 * group + k];
                    exact += sign(g, k) * (double) x[4 * group + k];
                }
                assertEquals(Float.floatToRawIntBits(direct), Float.floatToRawIntBits(table[g]), "group " + group + " g " + g);
                assertEquals(exact, table[g], 4 * Math.ulp(8f), "group " + group + " g " + g);
                assertEquals(-table[15 - g], table[g]);
            }
        }
    }

    @Test
    void handCheckedInt8Entries() {
        // one act group of 32 activations: group 0 = (1, 2, 3, 4) has the largest sum |a| = 10, the rest are 0
        float[] x = new float[32];
        x[0] = 1;
        x[1] = 2;
        x[2] = 3;
        x[3] = 4;
        TmacLut lut = TmacTables.build(x, 32);
        assertEquals(10f / 127f, lut.scales()[0]);
        // T[odd g] = 1 ± 2 ± 3 ± 4 = -8, -4, -2, 2, 0, 4, 6, 10 for g = 1, 3, ..., 15; times 12.7, rounded
        int[] odd = {-102, -51, -25, 25, 0, 51, 76, 127};
        for (int i = 0; i < 8; i++) {
            assertEquals(odd[i], lut.entry(0, 2 * i + 1), "g " + (2 * i + 1));
            assertEquals(-odd[i], lut.entry(0, 14 - 2 * i), "g " + (14 - 2 * i));
        }
        for (int g = 0; g < 16; g++) {
            assertEquals(0, lut.entry(1, g)); // an all-zero 4-group in a non-zero act group
        }
        assertEquals(-10f, lut.biases()[0]);
    }

    @Test
    void roundingIsHalfToEven() {
        assertEquals(2, TmacTables.quantize(2.5f, 1f));
        assertEquals(4, TmacTables.quantize(3.5f, 1f));
        assertEquals(-2, TmacTables.quantize(-2.5f, 1f));
        assertEquals(127, TmacTables.quantize(1000f, 1f)); // saturation as packs_epi16
        assertEquals(-128, TmacTables.quantize(-1000f, 1f));
    }

    @Test
    void scalesAndBiasesArePerActivationGroup() {
        Random random = new Random(22);
        float[] x = TmacFixtures.gaussian(random, 256);
        for (int k = 64; k < 128; k++) {
            x[k] = 0; // act group 1 all zero: scale 0, table 0, bias 0 (T-MAC's 1/scale guard)
        }
        TmacLut lut = TmacTables.build(x, 64);
        assertEquals(4, lut.actGroups());
        assertEquals(0f, lut.scales()[1]);
        assertEquals(0f, lut.biases()[1]);
        for (int i = 16; i < 32; i++) {
            for (int g = 0; g < 16; g++) {
                assertEquals(0, lut.entry(i, g));
            }
        }
        for (int j : new int[] {0, 2, 3}) {
            float max = 0;
            double sum = 0;
            for (int i = 16 * j; i < 16 * j + 16; i++) {
                max = Math.max(max, TmacTables.absSum(x, i));
                for (int k = 0; k < 4; k++) {
                    sum += x[4 * i + k];
                }
            }
            assertEquals(max / 127f, lut.scales()[j]);
            assertEquals(-sum, lut.biases()[j], 1e-5);
            for (int i = 16 * j; i < 16 * j + 16; i++) {
                for (int g = 0; g < 16; g++) {
                    assertTrue(Math.abs(lut.entry(i, g)) <= 127);
                    assertEquals(-lut.entry(i, 15 - g), lut.entry(i, g)); // symmetric after rounding too
                }
            }
        }
    }

    @Test
    void invalidActivationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TmacTables.build(new float[100], 64));
        float[] x = new float[64];
        x[5] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> TmacTables.build(x, 64));
        x[5] = Float.MAX_VALUE;
        x[6] = Float.MAX_VALUE;
        assertThrows(IllegalArgumentException.class, () -> TmacTables.build(x, 64));
    }

    private static float sign(int g, int k) {
        return ((g >> k) & 1) != 0 ? 1f : -1f;
    }
}
