// The TL2 NEON lowering (signed two-register tbl lookups) equals the functional engine's TL2 bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmAsmText;
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.kernels.lut.Tl2Weights;

class Tl2NeonGemvTest {

    /**
     * Awkward M (padded last group) and K: pairs only (K below BK), triples only, both, one chunk per block (BK 24),
     * the largest exact BK and one past it (BK 264: the all +1 x 127 block wraps int16, as the reference does).
     */
    @ParameterizedTest(name = "{0}x{1} bk{2}")
    @CsvSource({"1, 32, 96", "3, 64, 96", "17, 96, 96", "16, 128, 96", "33, 224, 96", "15, 992, 96", "1, 2560, 96",
        "31, 6912, 96", "5, 48, 24", "7, 120, 24", "2, 2560, 192", "18, 240, 240", "1, 264, 264", "127, 480, 240"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int bk) {
        Tl2NeonLowering l = new Tl2NeonLowering(bk);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 13)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /**
     * The binder's weight bytes equal those of the straightforward per-byte binder it replaced (kept below), over a
     * region full of garbage: padded last groups, pairs only, triples only, an odd number of chunks (BK 24, 240).
     */
    @ParameterizedTest(name = "{0}x{1} bk{2}")
    @CsvSource({"1, 32, 96", "3, 64, 96", "17, 96, 96", "33, 224, 96", "15, 992, 96", "31, 6912, 96", "5, 48, 24",
        "7, 120, 24", "2, 2560, 192", "18, 240, 240", "127, 480, 240", "2560, 2560, 96"})
    void bindsTheWeightsAsThePerByteBinder(int rows, int cols, int bk) {
        Program p = new Tl2NeonLowering(bk).lower(rows, cols);
        int[] bound = {0};
        for (GemvOperands d : Tl2Operands.dataSets(rows, cols, 29, bk, (memory, w, x) -> {
            byte[] expected = referenceWeights(w);
            byte[] region = memory.bytes("weights");
            Arrays.fill(region, (byte) 0x5A);
            Tl2NeonGemv.bind(memory, w, x);
            assertArrayEquals(expected, region, rows + "x" + cols + " bk" + bk);
            bound[0]++;
        })) {
            d.bind(new Memory(p.regions()));
        }
        assertEquals(4, bound[0]);
    }

    /** The weights as the first NEON TL2 binder laid them out: one column of 16 row bytes at a time. */
    private static byte[] referenceWeights(Tl2Weights w) {
        int groups = Tl2NeonGemv.paddedRows(w.rows()) / Tl2NeonGemv.ROWS_PER_GROUP;
        byte[] out = new byte[(int) (groups * Tl2NeonGemv.groupBytes(w.cols(), w.bk()))];
        int at = 0;
        for (int r0 = 0; r0 < groups * 16; r0 += 16) {
            for (int t0 = 0; t0 < w.triples(); t0 += 8) {
                for (int j = 0; j < 4; j++) {
                    int col = t0 / 2 + j;
                    at = column(out, at, r0, w.rows(), r -> w.tripleIndices()[r * w.tripleRowBytes() + col]);
                }
                int first = t0;
                at = column(out, at, r0, w.rows(), r -> {
                    int bits = 0;
                    for (int k = 0; k < 8; k++) {
                        bits |= w.tripleNegative(r, first + k) ? 1 << k : 0;
                    }
                    return (byte) bits;
                });
            }
            for (int j = 0; j < w.pairRowBytes(); j++) {
                int col = j;
                at = column(out, at, r0, w.rows(), r -> w.pairIndices()[r * w.pairRowBytes() + col]);
            }
        }
        assertEquals(out.length, at);
        return out;
    }

    private static int column(byte[] out, int at, int r0, int rows, java.util.function.IntFunction<Byte> source) {
        for (int r = 0; r < 16; r++) {
            out[at + r] = r0 + r < rows ? source.apply(r0 + r) : 0;
        }
        return at + 16;
    }

    /** BK 264 on all +1 weights and codes 127: the int16 block sum wraps, in the engine and in the program alike. */
    @Test
    void theWrapIsTheReferencesWrap() {
        Tl2NeonLowering l = new Tl2NeonLowering(264);
        GemvOperands d = l.dataSets(1, 264, 1).get(1);
        float[] y = GemvRun.run(l.lower(1, 264), l.semantics(), d);
        assertArrayEquals(d.scalar(), y);
        assertFalse(GemvRun.sameBits(d.exact(), y), "88 x 381 exceeds int16, so the result is not the exact sum");
    }

    @ParameterizedTest(name = "2B4T {0}x{1}")
    @CsvSource({"2560, 2560", "640, 2560", "6912, 2560", "2560, 6912"})
    void equalsTheEngineAt2b4tShapes(int rows, int cols) {
        Tl2NeonLowering l = Tl2NeonLowering.defaults();
        GemvOperands d = l.random(rows, cols, 3);
        float[] y = GemvRun.run(l.lower(rows, cols), l.semantics(), d);
        assertArrayEquals(d.scalar(), y);
        assertArrayEquals(d.exact(), y, "BK 96 keeps the int16 sums exact");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cmtst-is-cmeq", "bit-is-bif", "tbl-index-low-bits", "zip1-operands-swapped", "ushr-arithmetic",
        "and-is-orr", "saddw-zero-extends", "ld1-no-writeback"})
    void aWrongSemanticsFailsValidation(String fault) {
        Tl2NeonLowering l = Tl2NeonLowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 17, 224, 5));
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 17, 224, 5), fault);
    }

    @Test
    void programSurvivesThePrintParseRoundTrip() {
        Program p = Tl2NeonLowering.defaults().lower(17, 2560);
        String text = ArmAsmText.print(p);
        assertTrue(text.contains("tbl v13.16b, {v16.16b, v17.16b}, v11.16b"), text);
        assertTrue(text.contains("cmtst v12.16b, v10.16b, v22.16b"), text);
        assertTrue(text.contains("bit v11.16b, v12.16b, v30.16b"), text);
        assertEquals(p, ArmAsmText.parse(text));
    }

    @Test
    void isRegisteredForNeonAndNeonDotprodCores() {
        assertEquals(Tl2NeonLowering.defaults(), GemvLowerings.find("tl2", "neon").orElseThrow());
        assertEquals(Tl2NeonLowering.defaults(), GemvLowerings.forCore("tl2", java.util.List.of("neon-dotprod", "neon"))
            .orElseThrow());
    }

    @Test
    void shapesAreChecked() {
        Tl2NeonLowering l = Tl2NeonLowering.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(0, 96));
        assertTrue(e.getMessage().contains("M >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(16, 100));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Tl2NeonLowering(36));
        assertTrue(e.getMessage().contains("multiple of 24"), e.getMessage());
    }
}
