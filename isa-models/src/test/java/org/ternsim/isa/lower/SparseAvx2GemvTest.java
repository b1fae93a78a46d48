// The activation-sparse AVX2 lowering equals the functional engine (scalar and Vector API) bit for bit.
package org.ternsim.isa.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.SplittableRandom;
import org.ternsim.isa.Faults;
import org.ternsim.isa.Memory;
import org.ternsim.isa.Program;
import org.ternsim.kernels.quant.Int8Quantizer;
import org.ternsim.kernels.sparse.ColumnTernaryWeights;

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

    /**
     * The bound weights hold code (r, k) at byte r % P of column k, bits 7-2(r / P), with this program's plane size P
     * (ceil(M / 4) rounded up to 8), and code 1 in the rows past M whatever the tensor's padding holds: 127 and 640 rows
     * have the engine's plane size (the binding copies), 129 does not (it re-packs). The outputs of padding rows are
     * dropped, so only these bytes show a wrong padding code.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"127, 40", "640, 24", "129, 40", "3, 9"})
    void bindingPutsEachCodeWhereTheProgramReadsIt(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(rows);
        int enginePlane = ColumnTernaryWeights.planeBytes(rows);
        byte[] data = new byte[cols * enginePlane];
        random.nextBytes(data); // codes 3 included, also in the padding rows
        ColumnTernaryWeights w = new ColumnTernaryWeights(rows, cols, data, 0.5f);
        Memory memory = new Memory(SparseAvx2Gemv.lower(rows, cols, 24).regions());
        SparseAvx2Gemv.bind(memory, w, Int8Quantizer.absmaxI2s(new float[cols]));
        byte[] bound = memory.bytes("weights");
        int plane = SparseAvx2Gemv.planeBytes(rows);
        for (int k = 0; k < cols; k++) {
            for (int r = 0; r < 4 * plane; r++) {
                int code = (bound[k * plane + r % plane] >>> (6 - 2 * (r / plane))) & 3;
                assertEquals(r < rows ? w.code(r, k) : 1, code, "row " + r + ", column " + k);
            }
        }
    }

    /** The simulator's data at an operator's input sparsity: that share of zero codes, and still bit-exact. */
    @ParameterizedTest(name = "{0} zero")
    @CsvSource({"0.0", "0.12", "0.5", "0.842", "1.0"})
    void dataAtAGivenSparsityHasThatShareOfZerosAndStaysExact(double zeroFraction) {
        GemvLowering l = SparseAvx2Lowering.defaults().withInputSparsity(zeroFraction);
        assertTrue(l.skipsZeroInputs() && !l.outputsInRowOrder());
        SparseOperands d = (SparseOperands) l.random(200, 2560, 5);
        double zeros = d.zeroCodeFraction();
        // int8 absmax codes also round the very smallest kept values to 0 (~1% of a Gaussian at 2560 columns)
        assertTrue(zeros >= Math.round(zeroFraction * 2560) / 2560.0 && zeros <= zeroFraction + 0.02,
            zeroFraction + " -> " + zeros);
        assertArrayEquals(d.scalar(), GemvRun.run(l.lower(200, 2560), l.semantics(), d), d.description());
    }

    @Test
    void denseLoweringsIgnoreTheInputSparsity() {
        GemvLowering dense = new I2sAvx2Lowering(16);
        assertEquals(dense, dense.withInputSparsity(0.9));
        assertFalse(dense.skipsZeroInputs());
        assertTrue(dense.outputsInRowOrder());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vpmaddwd-odd-only", "vpaddd-16-bit", "vpand-as-or", "jne-never-taken"})
    void aWrongSemanticsFailsValidation(String fault) {
        SparseAvx2Lowering l = SparseAvx2Lowering.defaults();
        assertTrue(GemvRun.allExact(l, l.semantics(), 33, 300, 5));
        assertFalse(GemvRun.allExact(l, Faults.require(fault).inject(l.semantics()), 33, 300, 5), fault);
    }
}
