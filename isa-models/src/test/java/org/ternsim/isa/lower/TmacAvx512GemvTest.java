// The T-MAC AVX-512 lowering (vpshufb zmm, 64 rows per tile) equals the functional engine's T-MAC bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.AsmText;
import org.ternsim.isa.Program;

class TmacAvx512GemvTest {

    /** Awkward M (padded last tile: 1, 31, 33, 63, 65 rows), K of 1 .. 108 activation groups, ags 32..1024. */
    @ParameterizedTest(name = "{0}x{1} ags{2}")
    @CsvSource({"1, 64, 64", "3, 128, 64", "17, 960, 64", "32, 1024, 64", "33, 1088, 64", "63, 2560, 64",
        "64, 256, 64", "65, 192, 64", "1, 6912, 64", "5, 96, 32", "31, 512, 128", "40, 2048, 1024"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int ags) {
        TmacAvx512Lowering l = new TmacAvx512Lowering(ags);
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
        TmacAvx512Lowering l = TmacAvx512Lowering.defaults();
        GemvOperands d = l.random(rows, cols, 4);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    /** The new broadcast, the table lookup, the 256-bit halves and the widening: a wrong one fails validation. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"vbroadcasti32x4-low-half-only", "vpshufb-3-bit-index", "vfmadd231ps-unfused",
        "vpmovsxbw-zero-extends", "vinserti64x4-low-half", "vextracti64x4-low-half"})
    void aWrongSemanticsFailsValidation(String fault) {
        TmacAvx512Lowering l = TmacAvx512Lowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 40, 1088, 5));
        assertFalse(GemvRun.allExact(l, org.ternsim.isa.Faults.require(fault).inject(l.semantics()), 40, 1088, 5), fault);
    }

    @Test
    void programSurvivesThePrintParseRoundTrip() {
        Program p = TmacAvx512Lowering.defaults().lower(65, 1088);
        String text = AsmText.print(p);
        assertTrue(text.contains("vbroadcasti32x4 zmm4, xmmword ptr [rdi]"), text.substring(0, 2000));
        assertEquals(p, AsmText.parse(text));
    }

    @Test
    void isRegistered() {
        assertEquals(TmacAvx512Lowering.defaults(), GemvLowerings.find("tmac", "avx512").orElseThrow());
    }

    @Test
    void anActGroupTooLargeForInt16SumsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TmacAvx512Lowering(2048));
    }
}
