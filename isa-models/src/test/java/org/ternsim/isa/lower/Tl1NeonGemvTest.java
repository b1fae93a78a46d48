// The TL1 NEON lowering (tbl on split int16 tables) equals the functional engine's TL1 bit for bit.
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
import org.ternsim.isa.arm.ArmFaults;
import org.ternsim.kernels.lut.Tl1Weights;
import org.ternsim.kernels.quant.Int8Activations;

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

    /**
     * The binder's weight bytes equal those of the per-row binder it replaced (kept below), over a region full of
     * garbage: padded last groups, odd pair counts (pad nibbles), one and several groups.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1, 2", "3, 6", "17, 66", "16, 64", "33, 130", "15, 1000", "127, 128", "2560, 2560"})
    void bindsTheWeightsAsThePerRowBinder(int rows, int cols) {
        Program p = new Tl1NeonLowering(64).lower(rows, cols);
        int[] bound = {0};
        Tl1Operands.Layout checked = new Tl1Operands.Layout() {
            @Override
            public void bind(Memory memory, Tl1Weights weights, Int8Activations activations) {
                byte[] region = memory.bytes("weights");
                byte[] expected = new byte[region.length];
                referenceWeights(expected, weights);
                Arrays.fill(region, (byte) 0x5A);
                Tl1NeonGemv.bind(memory, weights, activations);
                assertArrayEquals(expected, region, rows + "x" + cols);
                bound[0]++;
            }

            @Override
            public float[] readOutput(Memory memory, int rows) {
                return Tl1NeonGemv.readOutput(memory, rows);
            }
        };
        Tl1Operands.random(rows, cols, 64, 23, checked).bind(new Memory(p.regions()));
        Tl1Operands.constant(rows, cols, 64, -1, 3, checked).bind(new Memory(p.regions()));
        assertEquals(2, bound[0]);
    }

    /** The weights as the first NEON TL1 binder laid them out. */
    private static void referenceWeights(byte[] out, Tl1Weights weights) {
        int rowBytes = weights.rowBytes();
        byte[] idx = weights.indices();
        Arrays.fill(out, (byte) (Tl1Weights.PAD_INDEX << 4 | Tl1Weights.PAD_INDEX));
        for (int row = 0; row < weights.rows(); row++) {
            int g = row / 16;
            int r = row % 16;
            for (int j = 0; j < rowBytes; j++) {
                out[(g * rowBytes + j) * 16 + r] = idx[row * rowBytes + j];
            }
        }
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
