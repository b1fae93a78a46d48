// The TL1 x86 lowerings (vpshufb on split int16 pair tables; AVX2 ymm and AVX-512 zmm) equal the engine's TL1 bit for bit.
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
import org.ternsim.isa.Faults;
import org.ternsim.isa.Program;

class Tl1X86GemvTest {

    static GemvLowering lowering(String isa, int bk) {
        return isa.equals("avx2") ? new Tl1Avx2Lowering(bk) : new Tl1Avx512Lowering(bk);
    }

    /**
     * Awkward M (padded last block; rows in every 8-row group of a 64-row block) and K: one pair, odd pair counts (pad
     * nibble), a partial last BK block, BK 4 (one column per block) and 256 (the largest exact block).
     */
    @ParameterizedTest(name = "{0} {1}x{2} bk{3}")
    @CsvSource({"avx2, 1, 2, 64", "avx2, 3, 6, 64", "avx2, 17, 66, 64", "avx2, 32, 64, 64", "avx2, 33, 130, 64",
        "avx2, 15, 1000, 128", "avx2, 31, 6912, 64", "avx2, 32, 258, 4", "avx2, 16, 256, 256", "avx2, 127, 128, 64",
        "avx512, 1, 2, 64", "avx512, 3, 6, 64", "avx512, 17, 66, 64", "avx512, 64, 64, 64", "avx512, 65, 130, 64",
        "avx512, 63, 1000, 128", "avx512, 33, 6912, 64", "avx512, 64, 258, 4", "avx512, 16, 256, 256",
        "avx512, 127, 128, 64"})
    void equalsTheEngineOnRandomAndEdgeData(String isa, int rows, int cols, int bk) {
        GemvLowering l = lowering(isa, bk);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 13)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    @ParameterizedTest(name = "{0} 2B4T {1}x{2}")
    @CsvSource({"avx2, 2560, 2560", "avx2, 640, 2560", "avx2, 6912, 2560", "avx2, 2560, 6912",
        "avx512, 2560, 2560", "avx512, 640, 2560", "avx512, 6912, 2560", "avx512, 2560, 6912"})
    void equalsTheEngineAt2b4tShapes(String isa, int rows, int cols) {
        GemvLowering l = lowering(isa, Tl1NeonLowering.DEFAULT_BK);
        GemvOperands d = l.random(rows, cols, 3);
        float[] y = GemvRun.run(l.lower(rows, cols), l.semantics(), d);
        assertArrayEquals(d.scalar(), y);
        assertArrayEquals(d.exact(), y, "BK 64 keeps the int16 sums exact");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"avx2, vpshufb-3-bit-index", "avx2, vpunpcklbw-swapped", "avx2, vpunpckhbw-low-halves",
        "avx2, vbroadcasti128-low-only", "avx2, vpmovsxwd-zero-extends", "avx2, vextracti128-low-lane",
        "avx512, vpshufb-3-bit-index", "avx512, vpunpcklbw-swapped", "avx512, vbroadcasti32x4-low-half-only",
        "avx512, vpmovsxwd-zero-extends", "avx512, vextracti64x4-low-half", "avx512, vpandd-as-or"})
    void aWrongSemanticsFailsValidation(String isa, String fault) {
        GemvLowering l = lowering(isa, Tl1NeonLowering.DEFAULT_BK);
        assertTrue(GemvRun.allExact(l, l.semantics(), 64, 322, 5));
        assertFalse(GemvRun.allExact(l, Faults.require(fault).inject(l.semantics()), 64, 322, 5), fault);
    }

    @Test
    void programsSurviveThePrintParseRoundTrip() {
        for (GemvLowering l : new GemvLowering[] {Tl1Avx2Lowering.defaults(), Tl1Avx512Lowering.defaults()}) {
            Program p = l.lower(65, 1002);
            assertEquals(p, AsmText.parse(AsmText.print(p)), l.toString());
        }
    }

    @Test
    void bothAreRegistered() {
        assertEquals(Tl1Avx2Lowering.defaults(), GemvLowerings.find("tl1", "avx2").orElseThrow());
        assertEquals(Tl1Avx512Lowering.defaults(), GemvLowerings.find("tl1", "avx512").orElseThrow());
    }

    @Test
    void laneOrderOfTheRowGroups() {
        assertArrayEquals(new int[] {0, 2, 1, 3}, java.util.stream.IntStream.range(0, 4)
            .map(p -> Tl1X86Gemv.groupAt(p, 32)).toArray());
        assertArrayEquals(new int[] {0, 4, 1, 5, 2, 6, 3, 7}, java.util.stream.IntStream.range(0, 8)
            .map(p -> Tl1X86Gemv.groupAt(p, 64)).toArray());
    }

    @Test
    void shapesAreChecked() {
        GemvLowering l = Tl1Avx2Lowering.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(0, 64));
        assertTrue(e.getMessage().contains("M >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(16, 63));
        assertTrue(e.getMessage().contains("even K"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tl1Avx512Lowering(6));
    }
}
