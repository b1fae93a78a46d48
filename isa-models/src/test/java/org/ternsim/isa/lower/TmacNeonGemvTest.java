// The T-MAC NEON lowering equals the functional engine's T-MAC (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.kernels.tmac.TmacLut;
import org.ternsim.kernels.tmac.TmacWeights;

class TmacNeonGemvTest {

    /** Awkward M (padded last group), K of 1, 2, 15, 16, 17, 40 and 108 activation groups. */
    @ParameterizedTest(name = "{0}x{1} ags{2}")
    @CsvSource({"1, 64, 64", "3, 128, 64", "17, 960, 64", "16, 1024, 64", "33, 1088, 64", "15, 2560, 64",
        "1, 6912, 64", "5, 96, 32", "16, 512, 128"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int ags) {
        TmacNeonLowering l = new TmacNeonLowering(ags);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 21)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    @ParameterizedTest(name = "2B4T {0}x{1}")
    @CsvSource({"2560, 2560", "640, 2560", "6912, 2560", "2560, 6912"})
    void equalsTheEngineAt2b4tShapes(int rows, int cols) {
        TmacNeonLowering l = new TmacNeonLowering(64);
        GemvOperands d = l.random(rows, cols, 4);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    /**
     * The binder's weight bytes equal those of the per-plane binder it replaced (kept below), over a region full of
     * garbage: padded last groups, one and several groups, K of one and many activation groups.
     */
    @ParameterizedTest(name = "{0}x{1} ags{2}")
    @CsvSource({"1, 64, 64", "3, 128, 64", "17, 960, 64", "16, 1024, 64", "33, 1088, 64", "5, 96, 32",
        "2560, 2560, 64"})
    void bindsTheWeightsAsThePerPlaneBinder(int rows, int cols, int ags) {
        Program p = new TmacNeonLowering(ags).lower(rows, cols);
        int[] bound = {0};
        TmacOperands.Layout checked = new TmacOperands.Layout() {
            @Override
            public void bind(Memory memory, TmacWeights weights, TmacLut lut) {
                byte[] region = memory.bytes("weights");
                byte[] expected = new byte[region.length];
                referenceWeights(expected, weights);
                Arrays.fill(region, (byte) 0x5A);
                TmacNeonGemv.bind(memory, weights, lut);
                assertArrayEquals(expected, region, rows + "x" + cols);
                bound[0]++;
            }

            @Override
            public float[] readOutput(Memory memory, int rows) {
                return TmacNeonGemv.readOutput(memory, rows);
            }
        };
        TmacOperands.random(rows, cols, ags, 27, checked).bind(new Memory(p.regions()));
        TmacOperands.constant(rows, cols, ags, -1, 2.5f, checked).bind(new Memory(p.regions()));
        assertEquals(2, bound[0]);
    }

    /** The weights as the first NEON T-MAC binder laid them out. */
    private static void referenceWeights(byte[] out, TmacWeights weights) {
        int pb = weights.planeBytes();
        byte[] idx = weights.indices();
        for (int row = 0; row < weights.rows(); row++) {
            int g = row / 16;
            int r = row % 16;
            for (int plane = 0; plane < 2; plane++) {
                for (int j = 0; j < pb; j++) {
                    out[((2 * g + plane) * pb + j) * 16 + r] = idx[(2 * row + plane) * pb + j];
                }
            }
        }
    }

    /** Faults in the families only T-MAC uses (fused multiply-add) and in its lookups. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"fmla-unfused", "tbl-index-low-bits", "and-is-orr"})
    void aWrongSemanticsFailsValidation(String fault) {
        TmacNeonLowering l = new TmacNeonLowering(64);
        assertTrue(GemvRun.allExact(l, l.semantics(), 17, 1088, 5));
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 17, 1088, 5), fault);
    }
}
