// The W1.58A16 AVX2 lowering equals the functional engine (scalar and Vector API) bit for bit, F16 and BF16.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Faults;
import org.ternsim.isa.Program;
import org.ternsim.kernels.gemv.A16Format;

class TernaryA16Avx2GemvTest {

    @ParameterizedTest(name = "{0}x{1} rows{2} {3}")
    @CsvSource({"1, 128, 4, F16", "3, 256, 4, F16", "17, 1024, 4, F16", "5, 3072, 3, BF16", "2, 128, 1, BF16",
        "9, 640, 2, F16", "4, 6912, 4, BF16"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int tile, A16Format format) {
        TernaryA16Avx2Lowering l = new TernaryA16Avx2Lowering(tile, format);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 13)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    @ParameterizedTest(name = "FLUX {0}x{1}")
    @CsvSource({"3072, 3072", "64, 12288"})
    void equalsTheEngineAtFluxShapes(int rows, int cols) {
        TernaryA16Avx2Lowering l = TernaryA16Avx2Lowering.defaults();
        GemvOperands d = l.random(rows, cols, 2);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(rows, cols), l.semantics(), d));
    }

    /** Not vfmadd231ps-unfused: t * x is exact for t in {-1, 0, 1}, so fused and unfused agree (TernaryA16Gemv). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"vpand-as-or", "vcvtph2ps-flush-subnormals", "vaddps-truncating", "vcvtdq2ps-unsigned"})
    void aWrongSemanticsFailsValidation(String fault) {
        TernaryA16Avx2Lowering l = TernaryA16Avx2Lowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 7, 1024, 5));
        assertFalse(GemvRun.allExact(l, Faults.require(fault).inject(l.semantics()), 7, 1024, 5), fault);
    }
}
