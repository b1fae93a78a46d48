// The activation-sparse AVX2 lowering equals the functional engine (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Faults;
import org.ternsim.isa.Program;

class SparseAvx2GemvTest {

    /** M of 1, 3, 17, 33, 127, 129 (padded planes, partial last chunk), K of 1 up to 2B4T widths, every chunk size. */
    @ParameterizedTest(name = "{0}x{1} chunk{2}")
    @CsvSource({"1, 1, 24", "3, 15, 24", "17, 33, 8", "33, 129, 16", "127, 257, 24", "129, 1000, 24",
        "640, 2560, 24", "96, 6912, 16"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int chunk) {
        SparseAvx2Lowering l = new SparseAvx2Lowering(chunk);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 9)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vpmaddwd-odd-only", "vpaddd-16-bit", "vpand-as-or", "jne-never-taken"})
    void aWrongSemanticsFailsValidation(String fault) {
        SparseAvx2Lowering l = SparseAvx2Lowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5));
        assertFalse(GemvRun.allExact(l, Faults.require(fault).inject(l.semantics()), 33, 300, 5), fault);
    }
}
