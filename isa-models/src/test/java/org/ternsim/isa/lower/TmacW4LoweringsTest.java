// The tmac-w4 lowerings (4 bit planes) on NEON, AVX2 and AVX-512 equal the engine's T-MAC bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Instruction;
import org.ternsim.isa.Program;
import org.ternsim.isa.SemanticsTable;
import org.ternsim.isa.arm.ArmFaults;

class TmacW4LoweringsTest {

    private static GemvLowering lowering(String isa, int ags, int bits) {
        return switch (isa) {
            case "neon" -> new TmacNeonLowering(ags, bits);
            case "avx2" -> new TmacAvx2Lowering(ags, bits);
            default -> new TmacAvx512Lowering(ags, bits);
        };
    }

    /** Awkward M (padded last group or tile), K of 1 .. 108 activation groups, ags 32..1024. */
    @ParameterizedTest(name = "{0} {1}x{2} ags{3}")
    @CsvSource({"neon, 1, 64, 64", "neon, 17, 960, 64", "neon, 33, 1088, 64", "neon, 5, 96, 32", "neon, 16, 512, 128",
        "neon, 3, 6912, 64",
        "avx2, 1, 64, 64", "avx2, 17, 960, 64", "avx2, 33, 1088, 64", "avx2, 5, 96, 32", "avx2, 40, 2048, 1024",
        "avx2, 3, 6912, 64",
        "avx512, 1, 64, 64", "avx512, 63, 2560, 64", "avx512, 65, 192, 64", "avx512, 5, 96, 32",
        "avx512, 40, 2048, 1024", "avx512, 3, 6912, 64"})
    void equalsTheEngineOnRandomAndEdgeData(String isa, int rows, int cols, int ags) {
        GemvLowering l = lowering(isa, ags, 4);
        Program p = l.lower(rows, cols);
        List<GemvOperands> sets = l.dataSets(rows, cols, 21);
        assertTrue(sets.get(0).description().startsWith("random int4"), sets.get(0).description());
        assertEquals("all weights -8, all activations -127", sets.get(2).description());
        for (GemvOperands d : sets) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /** Llama-2-7B's K (4096 and 11008) over a window of rows, as the simulator runs them. */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @CsvSource({"neon, 64, 4096", "neon, 32, 11008", "avx2, 64, 4096", "avx2, 32, 11008", "avx512, 128, 4096",
        "avx512, 64, 11008"})
    void equalsTheEngineAtLlamaWidths(String isa, int rows, int cols) {
        GemvLowering l = lowering(isa, 64, 4);
        GemvOperands d = l.random(rows, cols, 4);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    /** Four planes: per index byte (NEON) or 4-activation group (x86), twice the index loads and lookups of two. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"neon, .Lblock, tbl, ld1", "avx2, .Lgroup, vpshufb, vmovdqu", "avx512, .Lgroup, vpshufb, vmovdqu"})
    void fourPlanesDoubleTheLookupsOfTheHotLoop(String isa, String loop, String lookup, String load) {
        List<Instruction> two = hotLoop(lowering(isa, 64, 2).lower(64, 2560), loop);
        List<Instruction> four = hotLoop(lowering(isa, 64, 4).lower(64, 2560), loop);
        assertEquals(2 * count(two, lookup), count(four, lookup));
        // one index load per plane; the table load (NEON ld1 of two tables, x86 a broadcast) is shared
        int tables = isa.equals("neon") ? 1 : 0;
        assertEquals(2 + tables, count(two, load));
        assertEquals(4 + tables, count(four, load));
    }

    /** The lookup, the widening and the fused epilogue: a wrong one fails the 4-plane programs too. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"neon, tbl-index-low-bits", "neon, fmla-unfused", "avx2, vpshufb-3-bit-index",
        "avx2, vfmadd231ps-unfused", "avx2, vpmovsxbw-zero-extends", "avx512, vpshufb-3-bit-index",
        "avx512, vextracti64x4-low-half"})
    void aWrongSemanticsFailsValidation(String isa, String fault) {
        GemvLowering l = lowering(isa, 64, 4);
        SemanticsTable wrong = isa.equals("neon") ? ArmFaults.inject(l.semantics(), fault)
            : org.ternsim.isa.Faults.require(fault).inject(l.semantics());
        assertTrue(GemvRun.allExact(l, l.semantics(), 40, 1088, 5));
        assertFalse(GemvRun.allExact(l, wrong, 40, 1088, 5), fault);
    }

    @Test
    void isRegisteredUnderItsOwnName() {
        for (String isa : List.of("neon", "avx2", "avx512")) {
            GemvLowering l = GemvLowerings.find("tmac-w4", isa).orElseThrow();
            assertEquals(lowering(isa, 64, 4), l);
            assertEquals("tmac-w4", l.kernel());
            assertTrue(l.lower(16, 256).name().startsWith("tmac-w4/" + isa), l.lower(16, 256).name());
            assertEquals("tmac", GemvLowerings.find("tmac", isa).orElseThrow().kernel());
        }
    }

    @Test
    void otherPlaneCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TmacNeonLowering(64, 3));
        assertThrows(IllegalArgumentException.class, () -> new TmacAvx2Lowering(64, 1));
        assertThrows(IllegalArgumentException.class, () -> new TmacAvx512Lowering(64, 8));
    }

    private static List<Instruction> hotLoop(Program p, String label) {
        int start = p.labels().get(label);
        int end = start;
        while (!p.code().get(end).mnemonic().equals("jne") && !p.code().get(end).mnemonic().equals("b.ne")) {
            end++;
        }
        return p.code().subList(start, end + 1);
    }

    private static long count(List<Instruction> code, String mnemonic) {
        return code.stream().filter(i -> i.mnemonic().equals(mnemonic)).count();
    }
}
