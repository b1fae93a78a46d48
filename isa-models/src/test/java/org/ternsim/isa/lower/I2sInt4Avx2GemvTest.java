// The a4.8 ternary x INT4 AVX2 lowering equals the functional engine (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ternsim.isa.Program;

class I2sInt4Avx2GemvTest {

    @ParameterizedTest(name = "{0}x{1} group{2}")
    @CsvSource({"1, 128, 256", "3, 2560, 256", "17, 6912, 256", "5, 6912, 7", "2, 1152, 1"})
    void equalsTheEngineOnRandomAndEdgeData(int rows, int cols, int group) {
        I2sInt4Avx2Lowering l = new I2sInt4Avx2Lowering(group);
        Program p = l.lower(rows, cols);
        for (GemvOperands d : l.dataSets(rows, cols, 11)) {
            float[] y = GemvRun.run(p, l.semantics(), d);
            assertArrayEquals(d.scalar(), y, d.description());
            assertArrayEquals(d.vector(), y, d.description() + " vs " + d.vectorName());
        }
    }

    /** 256 blocks of +1 x -8 take an int16 lane to exactly -32768: the widest interval is still exact. */
    @Test
    void theWidestIntervalIsExactAtTheInt16Limit() {
        I2sInt4Avx2Lowering l = I2sInt4Avx2Lowering.defaults();
        GemvOperands d = I2sInt4Operands.constant(2, 256 * 128, 1, -8);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(2, 256 * 128), l.semantics(), d));
    }

    /** The int8 kernel's check: widening too late wraps. The same program with the I2_S int8 data must not match. */
    @Test
    void int8CodesWrapAtThisInterval() {
        I2sInt4Avx2Lowering l = I2sInt4Avx2Lowering.defaults();
        GemvOperands d = I2sOperands.constant(1, 4096, 1, 127, org.ternsim.kernels.format.I2sLayout.X86_128);
        assertFalse(GemvRun.sameBits(d.scalar(), GemvRun.run(l.lower(1, 4096), l.semantics(), d)));
    }

    @Test
    void anIntervalBeyondTheInt16HeadroomIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new I2sInt4Avx2Lowering(257));
    }
}
