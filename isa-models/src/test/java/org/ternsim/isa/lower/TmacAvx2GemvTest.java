// The T-MAC AVX2 lowering equals the functional engine's T-MAC (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Program;

class TmacAvx2GemvTest {

    /** Awkward M (padded last tile), K of 1, 2, 15, 16, 17, 40 and 108 activation groups, ags 32..1024. */
    @ParameterizedTest(name = "{0}x{1} ags{2}")
    @CsvSource({"1, 64, 64", "3, 128, 64", "17, 960, 64", "32, 1024, 64", "33, 1088, 64", "15, 2560, 64",
        "1, 6912, 64", "5, 96, 32", "16, 512, 128", "40, 2048, 1024"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int ags) {
        TmacAvx2Lowering l = new TmacAvx2Lowering(ags);
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
        TmacAvx2Lowering l = TmacAvx2Lowering.defaults();
        GemvOperands d = l.random(rows, cols, 4);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    /** Faults in the families T-MAC leans on: the table lookup, FMA and the byte-to-word widening. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"vpshufb-3-bit-index", "vfmadd231ps-unfused", "vpmovsxbw-zero-extends", "vinserti128-low-lane"})
    void aWrongSemanticsFailsValidation(String fault) {
        TmacAvx2Lowering l = TmacAvx2Lowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 17, 1088, 5));
        assertFalse(GemvRun.allExact(l, org.ternsim.isa.Faults.require(fault).inject(l.semantics()), 17, 1088, 5), fault);
    }

    @Test
    void anActGroupTooLargeForInt16SumsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TmacAvx2Lowering(2048));
    }
}
