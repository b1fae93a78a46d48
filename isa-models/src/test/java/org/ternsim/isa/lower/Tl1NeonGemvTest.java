// The TL1 NEON lowering (tbl on split int16 tables) equals the functional engine's TL1 bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmFaults;

class Tl1NeonGemvTest {

    /** Awkward M (padded last group) and K: one pair, odd pair counts (pad nibble), a partial last BK block. */
    @ParameterizedTest(name = "{0}x{1} bk{2}")
    @CsvSource({"1, 2, 64", "3, 6, 64", "17, 66, 64", "16, 64, 64", "33, 130, 64", "15, 1000, 128", "1, 2560, 64",
        "31, 6912, 64", "32, 258, 4", "16, 256, 256", "127, 128, 64"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int bk) {
        Tl1NeonLowering l = new Tl1NeonLowering(bk);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 13)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    @ParameterizedTest(name = "2B4T {0}x{1}")
    @CsvSource({"2560, 2560", "640, 2560", "6912, 2560", "2560, 6912"})
    void equalsTheEngineAt2b4tShapes(int rows, int cols) {
        Tl1NeonLowering l = new Tl1NeonLowering(Tl1NeonLowering.DEFAULT_BK);
        GemvOperands d = l.random(rows, cols, 3);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tbl-index-low-bits", "zip1-operands-swapped", "ushr-arithmetic", "and-is-orr", "saddw-zero-extends", "ld1-no-writeback"})
    void aWrongSemanticsFailsValidation(String fault) {
        Tl1NeonLowering l = new Tl1NeonLowering(Tl1NeonLowering.DEFAULT_BK);
        assertTrue(GemvRun.allExact(l, l.semantics(), 32, 322, 5));
        assertFalse(GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 32, 322, 5), fault);
    }

    @Test
    void shapesAreChecked() {
        Tl1NeonLowering l = new Tl1NeonLowering(64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(0, 64));
        assertTrue(e.getMessage().contains("M >= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> l.checkShape(16, 63));
        assertTrue(e.getMessage().contains("even K"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tl1NeonLowering(6));
    }
}
