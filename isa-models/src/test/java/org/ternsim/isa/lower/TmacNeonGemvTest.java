// The T-MAC NEON lowering equals the functional engine's T-MAC (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmFaults;

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

    /** Faults in the families only T-MAC uses (fused multiply-add) and in its lookups. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"fmla-unfused", "tbl-index-low-bits", "and-is-orr"})
    void aWrongSemanticsFailsValidation(String fault) {
        TmacNeonLowering l = new TmacNeonLowering(64);
        assertTrue(GemvRun.allExact(l, l.semantics(), 17, 1088, 5));
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 17, 1088, 5), fault);
    }
}
