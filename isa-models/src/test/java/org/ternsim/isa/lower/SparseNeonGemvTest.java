// The activation-sparse NEON lowerings (sdot on 4 compressed columns; smlal with int16 widening) equal the engine bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Program;
import org.ternsim.isa.arm.ArmFaults;

class SparseNeonGemvTest {

    /** Padded planes (M not a multiple of 64), several row blocks, K from 1 to 2B4T widths, both variants. */
    @ParameterizedTest(name = "{0}x{1} dotprod={2}")
    @CsvSource({"1, 1, true", "1, 1, false", "3, 15, true", "17, 33, false", "33, 129, true", "127, 257, false",
        "129, 1000, true", "129, 1000, false", "640, 2560, true", "640, 2560, false", "96, 6912, true",
        "65, 300, false"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 9)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /**
     * 0-5 non-zero columns (partial and whole groups), dense, and the int16 bound: 128 and 129+ columns of
     * code 2 x -128 = -256 between widenings (K = 300 dense reaches both).
     */
    @ParameterizedTest(name = "dotprod={0}")
    @CsvSource({"true", "false"})
    void everyGroupRemainderTheDenseCaseAndTheWideningBound(boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        for (int cols : new int[] {1, 4, 37, 300}) {
            Program p = l.lower(70, cols);
            for (int nz : new int[] {0, 1, 2, 3, 4, 5, 128, 129, cols}) {
                if (nz > cols) {
                    continue;
                }
                GemvOperands d = SparseAvx512GemvTest.withNonZero(70, cols, nz, nz + 31L * cols)
                    .boundAs(SparseNeonGemv.BINDING);
                assertArrayEquals(d.scalar(), GemvRun.run(p, l.semantics(), d), d.description());
            }
        }
    }

    @ParameterizedTest(name = "{0} dotprod={1}")
    @CsvSource({"ldrb-reads-next-byte, true", "strb-stores-bits-15-8, false", "ld1r-first-lane-only, true",
        "ld1r-first-lane-only, false", "lsr-one-short, true", "sdot-no-accumulate, true", "smlal-no-widening, false",
        "ushr-arithmetic, true"})
    void aWrongSemanticsFailsValidation(String fault, boolean dotprod) {
        SparseNeonLowering l = new SparseNeonLowering(dotprod);
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5));
        boolean exact;
        try {
            exact = GemvRun.allExact(l, ArmFaults.inject(l.semantics(), fault), 33, 300, 5);
        } catch (org.ternsim.isa.Memory.MemoryFault e) {
            exact = false; // a list pointer run past its region: caught, as X86FaultsTest counts it
        }
        assertFalse(exact, fault);
    }
}
